using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxPayScore.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RefundLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "refunds",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sub_mch_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    out_refund_no = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    out_order_no = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    transaction_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    detail_seq = table.Column<int>(type: "INTEGER", nullable: false),
                    detail_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    notify_url = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    refund_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    user_received_account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    payer_refund = table.Column<long>(type: "INTEGER", nullable: true),
                    create_call_id = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    succeeded_at = table.Column<long>(type: "INTEGER", nullable: true),
                    next_check_at = table.Column<long>(type: "INTEGER", nullable: true),
                    check_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refunds", x => x.id);
                    table.ForeignKey(
                        name: "FK_refunds_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_refunds_next_check_at",
                table: "refunds",
                column: "next_check_at");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_order_id_id",
                table: "refunds",
                columns: new[] { "order_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_refunds_sub_mch_id_out_refund_no",
                table: "refunds",
                columns: new[] { "sub_mch_id", "out_refund_no" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "refunds");
        }
    }
}
