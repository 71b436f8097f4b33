using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxPayScore.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "orders",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "orders");
        }
    }
}
