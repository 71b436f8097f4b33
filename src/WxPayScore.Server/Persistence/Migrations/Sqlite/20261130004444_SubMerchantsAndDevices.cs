using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WxPayScore.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SubMerchantsAndDevices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "device_id",
                table: "orders",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_device_id",
                table: "orders",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "start_location",
                table: "orders",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sub_merchant_key",
                table: "orders",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "devices",
                columns: table => new
                {
                    device_id = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    sub_merchant = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    plans = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_devices", x => x.device_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_orders_device_id_created_at",
                table: "orders",
                columns: new[] { "device_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_devices_sub_merchant_device_id",
                table: "devices",
                columns: new[] { "sub_merchant", "device_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "devices");

            migrationBuilder.DropIndex(
                name: "ix_orders_device_id_created_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "device_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "end_device_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "start_location",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "sub_merchant_key",
                table: "orders");
        }
    }
}
