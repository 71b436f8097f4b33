using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxPayScore.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JournalEveryCall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "target",
                table: "wechat_calls",
                type: "TEXT",
                maxLength: 600,
                nullable: true);

            // Rows journaled before this migration (state-changing calls only) get the request line they were sent to.
            migrationBuilder.Sql(
                "UPDATE wechat_calls SET target = 'POST /v3/payscore/partner/serviceorder' WHERE operation = 'create' AND target IS NULL;");
            migrationBuilder.Sql(
                "UPDATE wechat_calls SET target = 'POST /v3/payscore/partner/serviceorder/' || " +
                "(SELECT out_order_no FROM orders WHERE orders.id = wechat_calls.order_id) || '/' || operation " +
                "WHERE operation <> 'create' AND target IS NULL AND order_id IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "target",
                table: "wechat_calls");
        }
    }
}
