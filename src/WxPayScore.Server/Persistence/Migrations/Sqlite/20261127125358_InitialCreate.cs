using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxPayScore.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    notification_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    verification = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    order_id = table.Column<long>(type: "INTEGER", nullable: true),
                    sub_mch_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    out_order_no = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    instance = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    sub_mch_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    out_order_no = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    service_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    app_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sub_app_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    plan_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    owner_open_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rank = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    state_description = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    collection_state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    we_chat_order_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    package = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    confirmed_open_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    confirmed_sub_open_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    risk_fund_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    total_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    paid_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    collection_details_count = table.Column<int>(type: "INTEGER", nullable: false),
                    create_body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    snapshot_json = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_reconcile_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reconcile_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processed_notifications",
                columns: table => new
                {
                    notification_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    order_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processed_notifications", x => x.notification_id);
                });

            migrationBuilder.CreateTable(
                name: "order_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    from_phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    to_phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    notification_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_order_events_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wechat_calls",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<long>(type: "INTEGER", nullable: true),
                    operation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    request_body = table.Column<byte[]>(type: "BLOB", nullable: true),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    http_status = table.Column<int>(type: "INTEGER", nullable: true),
                    error_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    error_message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    request_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    instance = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wechat_calls", x => x.id);
                    table.ForeignKey(
                        name: "FK_wechat_calls_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_order_id",
                table: "notifications",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_received_at",
                table: "notifications",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_order_events_at",
                table: "order_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_order_events_order_id_id",
                table: "order_events",
                columns: new[] { "order_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_next_reconcile_at",
                table: "orders",
                column: "next_reconcile_at");

            migrationBuilder.CreateIndex(
                name: "ix_orders_out_order_no",
                table: "orders",
                column: "out_order_no");

            migrationBuilder.CreateIndex(
                name: "ix_orders_phase_created_at",
                table: "orders",
                columns: new[] { "phase", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_sub_mch_id_out_order_no",
                table: "orders",
                columns: new[] { "sub_mch_id", "out_order_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wechat_calls_order_id",
                table: "wechat_calls",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_wechat_calls_outcome_sent_at",
                table: "wechat_calls",
                columns: new[] { "outcome", "sent_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "order_events");

            migrationBuilder.DropTable(
                name: "processed_notifications");

            migrationBuilder.DropTable(
                name: "wechat_calls");

            migrationBuilder.DropTable(
                name: "orders");
        }
    }
}
