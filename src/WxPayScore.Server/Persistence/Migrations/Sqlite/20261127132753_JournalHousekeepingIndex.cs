using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxPayScore.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JournalHousekeepingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_wechat_calls_operation_sent_at",
                table: "wechat_calls",
                columns: new[] { "operation", "sent_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_wechat_calls_operation_sent_at",
                table: "wechat_calls");
        }
    }
}
