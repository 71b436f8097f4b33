using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using WxPayScore.Cli.Infrastructure;

namespace WxPayScore.Cli.Keys;

/// <summary><c>keys new</c> (a sandbox merchant's key material) and <c>keys inspect</c> (what a PEM file is).</summary>
internal static class KeysCommands
{
    public const string PrivateKeyFile = "apiclient_key.pem";
    public const string CertificateFile = "apiclient_cert.pem";
    public const string PublicKeyFile = "apiclient_public_key.pem";
    public const string SerialFile = "serial_no.txt";
    public const string ApiV3KeyFile = "apiv3_key.txt";
    public const string LabelFile = "SANDBOX-ONLY.txt";

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static Command Create(CliConsole console, TimeProvider time)
    {
        var keys = new Command("keys", "Merchant key material: make a sandbox set, or say what a PEM file is.");
        keys.Add(New(console, time));
        keys.Add(Inspect(console, time));
        return keys;
    }

    private static Command New(CliConsole console, TimeProvider time)
    {
        var outOption = new Option<string>("--out") { Description = "Folder to write into (created if missing).", Required = true, HelpName = "DIR" };
        var mchId = new Option<string>("--merchant-id") { Description = "Merchant id put in the certificate's subject.", DefaultValueFactory = _ => "1230000109", HelpName = "MCHID" };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files." };
        var command = new Command("new", "FOR THE SANDBOX ONLY: a merchant RSA-2048 key, a self-signed certificate with its serial, and an APIv3 key. " +
            "Real merchant certificates are issued by WeChat Pay's merchant platform.") { outOption, mchId, force };
        CommandRunner.SetAction(command, console, (parse, output, _) =>
        {
            var folder = console.ResolvePath(parse.GetRequiredValue(outOption));
            var files = new[] { PrivateKeyFile, CertificateFile, PublicKeyFile, SerialFile, ApiV3KeyFile, LabelFile }.Select(f => Path.Combine(folder, f)).ToArray();
            if (!parse.GetValue(force) && files.FirstOrDefault(File.Exists) is { } existing)
            {
                throw new UsageException($"{existing} exists; pass --force to overwrite it.");
            }

            var merchant = parse.GetValue(mchId) ?? "1230000109";
            Directory.CreateDirectory(folder);
            using var key = RSA.Create(2048);
            var serialBytes = RandomNumberGenerator.GetBytes(20);
            serialBytes[0] = (byte)(0x40 | (serialBytes[0] & 0x3F)); // positive, and 40 hex digits with no leading zero
            var request = new CertificateRequest($"CN={merchant} sandbox merchant (not issued by WeChat Pay), O=WxPayScore sandbox",
                key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var now = time.GetUtcNow();
            using var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
                now.AddDays(-1), now.AddYears(5), serialBytes);
            var serial = certificate.SerialNumber.ToUpperInvariant();
            var apiV3Key = RandomNumberGenerator.GetString(Alphabet, 32);

            WriteSecret(files[0], key.ExportPkcs8PrivateKeyPem() + "\n");
            File.WriteAllText(files[1], certificate.ExportCertificatePem() + "\n");
            File.WriteAllText(files[2], key.ExportSubjectPublicKeyInfoPem() + "\n");
            File.WriteAllText(files[3], serial + "\n");
            WriteSecret(files[4], apiV3Key + "\n");
            File.WriteAllText(files[5],
                "These files were made by `wxpayscore keys new` for the WxPayScore sandbox only.\n" +
                "WeChat Pay does not know this key or certificate: real ones come from the merchant platform (pay.weixin.qq.com).\n");

            var document = new JsonObject
            {
                ["ok"] = true,
                ["sandbox_only"] = true,
                ["folder"] = folder,
                ["private_key_path"] = files[0],
                ["certificate_path"] = files[1],
                ["public_key_path"] = files[2],
                ["serial_number"] = serial,
                ["apiv3_key"] = apiV3Key,
                ["public_key_fingerprint"] = PemInspector.Fingerprint(key.ExportSubjectPublicKeyInfo()),
            };
            output.Document(document);
            output.Line("FOR THE SANDBOX ONLY — WeChat Pay does not know this key; real merchant certificates come from the merchant platform.");
            output.Line();
            output.Field("private key", files[0]);
            output.Field("certificate", files[1]);
            output.Field("public key", files[2]);
            output.Field("serial", serial);
            output.Field("APIv3 key", files[4]);
            output.Line();
            output.Line("Merchant side (appsettings.json):");
            output.Line($"  \"WeChatPay\": {{ \"MchId\": \"{merchant}\", \"MerchantSerialNumber\": \"{serial}\", \"PrivateKeyPath\": \"{files[0]}\", \"ApiV3Key\": \"{apiV3Key}\" }}");
            output.Line("Sandbox side (Sandbox:ServiceProviders[]):");
            output.Line($"  {{ \"MchId\": \"{merchant}\", \"SerialNumber\": \"{serial}\", \"CertificatePath\": \"{files[1]}\", \"ApiV3Key\": \"{apiV3Key}\", \"SubMchIds\": [ … ] }}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Inspect(CliConsole console, TimeProvider time)
    {
        var file = new Argument<string>("FILE") { Description = "A .pem file (key, public key or certificate)." };
        var command = new Command("inspect", "Says what a PEM file is: private key, public key or certificate; size, serial, validity, fingerprint.") { file };
        CommandRunner.SetAction(command, console, async (parse, output, cancellationToken) =>
        {
            var path = console.ResolvePath(parse.GetRequiredValue(file));
            if (!File.Exists(path))
            {
                throw new UsageException($"{path} does not exist.");
            }

            var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var blocks = PemInspector.Inspect(System.Text.Encoding.UTF8.GetString(content));
            var now = time.GetUtcNow();
            var array = new JsonArray();
            foreach (var block in blocks)
            {
                var json = block.ToJson();
                if (block.Kind == PemKind.Certificate && block.Error is null)
                {
                    json["valid_now"] = block.NotBefore <= now && now <= block.NotAfter;
                }

                array.Add(json);
            }

            var note = blocks.Count == 0 ? PemInspector.DescribeNonPem(content) : null;
            output.Document(new JsonObject { ["ok"] = blocks.Count > 0, ["file"] = path, ["blocks"] = array, ["note"] = note });
            output.Line(path);
            if (note is not null)
            {
                output.Line("  " + note);
            }

            foreach (var block in blocks)
            {
                output.Line();
                output.Line("  " + block.Describe());
                output.Field("fingerprint", block.PublicKeyFingerprint, 12);
                if (block.Kind == PemKind.Certificate && block.Error is null)
                {
                    output.Field("serial", block.SerialNumber, 12);
                    output.Field("subject", block.Subject, 12);
                    output.Field("issuer", block.Issuer, 12);
                    var state = now < block.NotBefore ? "not yet valid" : now > block.NotAfter ? "EXPIRED" : "valid now";
                    output.Field("validity", $"{block.NotBefore:yyyy-MM-dd HH:mm:ss}Z … {block.NotAfter:yyyy-MM-dd HH:mm:ss}Z ({state})", 12);
                    output.Field("sha256", block.CertificateSha256, 12);
                }

                if (block.Kind == PemKind.PrivateKeyPkcs8 || block.Kind == PemKind.PrivateKeyPkcs1)
                {
                    output.Field("strength", block.Algorithm == "RSA" && block.KeySize >= 2048 ? "ok for WeChat Pay (RSA ≥ 2048)" : "WeChat Pay APIv3 needs RSA ≥ 2048", 12);
                }

                output.Field("use", block.Use(), 12);
            }

            return blocks.Count > 0 && blocks.All(b => b.Error is null) ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static void WriteSecret(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, content);
            return;
        }

        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
