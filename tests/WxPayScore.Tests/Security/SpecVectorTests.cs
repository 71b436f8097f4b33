using System.Security.Cryptography;
using System.Text;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;

namespace WxPayScore.Tests.Security;

/// <summary>apiv3-security.md §2.4: vectors A, B and C verify over strings built by our own canonicalisation.</summary>
public sealed class SpecVectorTests
{
    public const string SpecPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA6krkvEjv/wHmX6mfGA5L
        2Ui5TbIsEXEH1AmWdW2hbWLVT/4/roDfe3OsyAPBM7gDKeXyy7oLAeCHIDJ719x7
        53GfO0boNBt3lMkznlUkC5VJzX3kBiQ5RLDFjXzkdaWuw3PwJxFzX27+JSjE1YmT
        B+jQgWMcZlGjpi0ffSR8u/PEwwlCZl+vRegXDhGMvc1fPYEuyV1lrKpccRD1+n2g
        4MEpgnyexN0KhWO7PZCpuWigcru6IB5TCjYuOM0ckvmCISghDQg4y53HkzM1bPzw
        cbgozDbwpz2EAycKERT6s6cvuIXSN+JTJyABgAYEDA40rAvAs22F0ZObzjaa5ii7
        jQIDAQAB
        -----END PUBLIC KEY-----
        """;

    public const long Timestamp = 1735689600;
    public const string RequestNonce = "593BEC0C930BF1AFEB40B4A08C8FB242";

    public const string VectorABody =
        """{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","out_order_no":"SP20250101A0001","service_introduction":"XX充电宝","risk_fund":{"name":"DEPOSIT","amount":9900},"time_range":{"start_time":"OnAccept"},"notify_url":"https://sp.example.com/payscore/notify","need_user_confirm":true}""";

    public const string VectorASignature =
        "m9Y06IPwagqlqnNxXbMtf8P7b/RuO4nmgeZNRzUK/kpe0wvCxWtOLoVtKiM/q/VNn5QGupwv8qC6brPGokzvlsAa88AKQu6PeJ1t6R8IdB50fC26zA/QewQ/gZUAYmlrec1YxyN/vvRy9tlCDdFB3ZmykFWC7cPxcLIJ1yueJkLonucx0fvIvPJZMrY1dphFeS7/B/B6KLLY5QtCvE0TYOzV2vM8mFkVQRkA+ftmx+cS+sTSnQzgz3+M59uMRzfqsZBlG8eIbtfYaGWR75DgYXJddV+YlND9yhwG3ZWzme8KajmtPjd8fR+ryeT3w7I+amrt11qtpCryPh7mEwaYrA==";

    public const string VectorBUrl = "/v3/payscore/partner/serviceorder?service_id=2002000000000558128851361561536&sub_mchid=1900000109&out_order_no=SP20250101A0001";

    public const string VectorBSignature =
        "ztlw18pBeqX9Nh5O+4C/eIqn7Zfu8omwfrFPF//8z3CzS4jCYOIdkLB9eAC+u+IlZHS0EDIsGeR9rY1H9Q2NFZRu/hr/ii9V7ZsBa8Wu3j1CYtseHRu2EZGS17NbWzu/eaOc8eZKsMXfju0wYStrGvXIvyM9sI9na2c5pfldrX49JL5lTw1HZA2LXx/TR2XEOLdFxOz2B6gSCo6Z3dyF8LvsgKisFQUPn6sGpt8yCxqyMQjiVUCSzA8u2fTMkQjkLTWL04ZDUjpZk8eFL2vyQVqya5qQZARMPKXZgrS5T+ngaZHqi8I3xlTzKudEDoGPCK4qJgsEW8W5zwmtDDuKCA==";

    public const string VectorCTimestamp = "1735689601";
    public const string VectorCNonce = "c5ac7061fccab6bf3e254dcf98995b8c";

    public const string VectorCSignature =
        "AOQOJJLipOWHz0L/RHHMkfAJAj56U2OtsjsyyX1KAe8Pw64Wt6lGPdeHXa5359Whut/AoFO+6HBKvhnYx9T1pER7Z90A5V4dXGtA2BpRe7VesoAmXKLnIi80NAtKAKL3Yd4Lmi/PJdhnLQL4kyDXSASQe7fItJR2+6xEFs7Q7wxnFp9qCaX1WO6jYEFa5+DpdBqv2LhT7tiGXyNhOy98xwkKu+Ec7HfZSajM33GmrROifyfjVtqYeDwHuNIUZCdh54bNxOk4LblA1CwpKzXuUY3V/WROu8uo/NDvo877oj/GDs6frCcaYj+TpzAvcBqcQYtg4wpG4tn0PRUhW4lHcA==";

    private static RSA SpecKey() => PemKeys.LoadPublicKey(SpecPublicKey);

    [Fact]
    public void Vector_A_create_request_verifies_and_is_419_bytes()
    {
        var message = SigningString.ForRequest("POST", "/v3/payscore/partner/serviceorder", Timestamp, RequestNonce, Encoding.UTF8.GetBytes(VectorABody));

        Assert.Equal(419, message.Length);
        Assert.True(RsaSignature.Verify(SpecKey(), message, VectorASignature));
    }

    [Fact]
    public void Vector_A_body_is_exactly_what_PrepareCreate_serialises()
    {
        // Our serialiser produces the vector's bytes (field order, no nulls, UTF-8 Chinese unescaped), so the vector's
        // signature verifies over the body the SDK would really send.
        var body = ServiceOrderService.PrepareCreate(Samples.VectorACreate()).Body;

        Assert.Equal(VectorABody, Encoding.UTF8.GetString(body));
        var message = SigningString.ForRequest("POST", "/v3/payscore/partner/serviceorder", Timestamp, RequestNonce, body);
        Assert.True(RsaSignature.Verify(SpecKey(), message, VectorASignature));
    }

    [Fact]
    public void Vector_B_query_verifies_with_an_empty_body_line()
    {
        var message = SigningString.ForRequest("GET", VectorBUrl, Timestamp, RequestNonce, []);

        Assert.Equal($"GET\n{VectorBUrl}\n1735689600\n{RequestNonce}\n\n", Encoding.UTF8.GetString(message));
        Assert.True(RsaSignature.Verify(SpecKey(), message, VectorBSignature));
    }

    [Fact]
    public void Vector_B_method_is_upper_cased_by_the_canonicalisation()
    {
        var message = SigningString.ForRequest("get", VectorBUrl, Timestamp, RequestNonce, []);

        Assert.True(RsaSignature.Verify(SpecKey(), message, VectorBSignature));
    }

    [Fact]
    public void Vector_C_204_response_verifies_over_an_empty_last_line()
    {
        var message = SigningString.ForResponse(VectorCTimestamp, VectorCNonce, []);

        Assert.Equal($"{VectorCTimestamp}\n{VectorCNonce}\n\n", Encoding.UTF8.GetString(message));
        Assert.True(RsaSignature.Verify(SpecKey(), message, VectorCSignature));
    }

    [Fact]
    public async Task Vector_C_verifies_through_SignatureVerifier_with_the_spec_key()
    {
        var store = new VerificationKeyStore("PUB_KEY_ID_0000000000000024101100397200000006", SpecKey(), null, TimeProvider.System, TimeSpan.FromHours(12));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1735689601 + 10));
        var verifier = new SignatureVerifier(store, clock, TimeSpan.FromSeconds(300));

        var result = await verifier.VerifyAsync(VectorCTimestamp, VectorCNonce, VectorCSignature, store.PublicKeyId, ReadOnlyMemory<byte>.Empty, default);

        Assert.Equal(WxPayScore.Errors.ResponseVerificationFailure.None, result);
    }

    [Theory]
    [InlineData("POST", "/v3/payscore/partner/serviceorder", 1735689600, RequestNonce, "A")] // body changed below
    [InlineData("POST", "/v3/payscore/partner/serviceorder/", 1735689600, RequestNonce, "")] // trailing slash
    [InlineData("POST", "/v3/payscore/partner/serviceorder", 1735689600000, RequestNonce, "")] // milliseconds
    [InlineData("POST", "/v3/payscore/partner/serviceorder", 1735689600, "593bec0c930bf1afeb40b4a08c8fb242", "")] // nonce case
    [InlineData("PUT", "/v3/payscore/partner/serviceorder", 1735689600, RequestNonce, "")]
    public void Any_change_to_vector_A_fails(string method, string url, long timestamp, string nonce, string bodySuffix)
    {
        var message = SigningString.ForRequest(method, url, timestamp, nonce, Encoding.UTF8.GetBytes(VectorABody + bodySuffix));

        Assert.False(RsaSignature.Verify(SpecKey(), message, VectorASignature));
    }

    [Fact]
    public void A_body_that_ends_with_a_newline_still_gets_its_own_terminator()
    {
        var message = SigningString.ForResponse("1", "n", "{}\n"u8);

        Assert.Equal("1\nn\n{}\n\n", Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void The_request_string_handles_non_ASCII_urls_lower_case_methods_and_large_bodies()
    {
        var body = Encoding.UTF8.GetBytes(new string('体', 100_000));

        var message = SigningString.ForRequest("post", "/v3/x?q=%E4%B8%AD&r=中", -5, "n", body);

        var expected = Encoding.UTF8.GetBytes("POST\n/v3/x?q=%E4%B8%AD&r=中\n-5\nn\n").Concat(body).Append((byte)'\n').ToArray();
        Assert.Equal(expected, message);
    }
}
