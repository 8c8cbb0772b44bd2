// The attest module: DSSE's PAE and its published ECDSA test vector, keys of every type
// (generate, PEM with and without a passphrase, sign, verify), envelopes, statements, bundles,
// verification with thresholds, X.509 code-signing chains and PKCS#11 URIs.
#include "kaiyuan/attest/attestation.hpp"
#include "kaiyuan/attest/bundle.hpp"
#include "kaiyuan/attest/key.hpp"
#include "kaiyuan/attest/log_entry.hpp"
#include "kaiyuan/attest/merkle.hpp"
#include "kaiyuan/attest/pkcs11.hpp"
#include "kaiyuan/attest/verify.hpp"
#include "kaiyuan/attest/x509.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <gtest/gtest.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace kaiyuan;
using namespace kaiyuan::attest;

namespace {

/// A signer over a Key, for tests (the CLI opens files through open_signer).
class KeySigner final : public Signer {
public:
    explicit KeySigner(Key key) : m_key(std::move(key)) {}
    const Key& public_key() const override { return m_key; }
    Result<std::string> sign(std::string_view data) const override { return m_key.sign(data); }
    Result<std::string> sign_digest(std::string_view d) const override {
        return m_key.sign_digest(d);
    }
    std::string describe() const override { return "test key"; }

private:
    Key m_key;
};

Key generated(std::string_view type) {
    auto key = Key::generate(*parse_key_spec(type));
    EXPECT_TRUE(key) << (key ? "" : key.error().message);
    return std::move(*key);
}

Key public_of(const Key& key) {
    return std::move(*Key::from_public_pem(key.public_pem()));
}

std::vector<std::unique_ptr<Signer>> signers_of(std::vector<Key> keys) {
    std::vector<std::unique_ptr<Signer>> out;
    for (auto& k : keys)
        out.push_back(std::make_unique<KeySigner>(std::move(k)));
    return out;
}

std::string temp_file(const std::string& name, const std::string& content) {
    auto path = std::filesystem::temp_directory_path() /
                ("kaiyuan-attest-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

} // namespace

// protocol.md "Test Vectors".
TEST(Pae, MatchesTheProtocolsTestVector) {
    EXPECT_EQ(pae("http://example.com/HelloWorld", "hello world"),
              "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    EXPECT_EQ(pae("", ""), "DSSEv1 0  0 ");
    // Lengths count bytes, not characters.
    EXPECT_EQ(pae("t", "\xe5\xbc\x80"), "DSSEv1 1 t 3 \xe5\xbc\x80");
}

// The ECDSA P-256 key and envelope of DSSE's protocol.md (signature as raw r||s).
TEST(Envelope, ProtocolEcdsaTestVectorVerifies) {
    BIGNUM* x = nullptr;
    BIGNUM* y = nullptr;
    BN_dec2bn(&x, "46950820868899156662930047687818585632848591499744589407958293238635476079160");
    BN_dec2bn(&y, "5640078356564379163099075877009565129882514886557779369047442380624545832820");
    unsigned char point[65] = {0x04};
    BN_bn2binpad(x, point + 1, 32);
    BN_bn2binpad(y, point + 33, 32);
    BN_free(x);
    BN_free(y);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>("P-256"), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point),
        OSSL_PARAM_construct_end()};
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* pkey = nullptr;
    ASSERT_EQ(EVP_PKEY_fromdata_init(ctx), 1);
    ASSERT_EQ(EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params), 1);
    EVP_PKEY_CTX_free(ctx);
    auto key = Key::adopt(pkey, false);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->type(), KeyType::ecdsa_p256);

    auto env = read_envelope(R"({"payload": "aGVsbG8gd29ybGQ=",
 "payloadType": "http://example.com/HelloWorld",
 "signatures": [{"sig": "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA=="}]})");
    ASSERT_TRUE(env) << env.error().message;
    EXPECT_EQ(env->payload, "hello world");
    const Key* keys[] = {&*key};
    EXPECT_TRUE(verify_envelope(*env, {keys[0]}));
    Envelope changed = *env;
    changed.payload = "hello world!";
    EXPECT_FALSE(verify_envelope(changed, {keys[0]}));
    changed = *env;
    changed.payload_type = "http://example.com/HelloWorlD";
    EXPECT_FALSE(verify_envelope(changed, {keys[0]}));
}

class KeyTypes : public testing::TestWithParam<const char*> {};

TEST_P(KeyTypes, SignVerifyAndPemRoundTrip) {
    Key key = generated(GetParam());
    EXPECT_TRUE(key.is_private());
    auto sig = key.sign("message");
    ASSERT_TRUE(sig);
    Key pub = public_of(key);
    EXPECT_FALSE(pub.is_private());
    EXPECT_TRUE(pub.verify("message", *sig));
    EXPECT_FALSE(pub.verify("messagE", *sig));
    std::string bad = *sig;
    bad[bad.size() / 2] ^= 1;
    EXPECT_FALSE(pub.verify("message", bad));
    EXPECT_FALSE(pub.sign("x"));
    EXPECT_EQ(pub.key_id(), key.key_id());
    EXPECT_EQ(key.key_id(), util::digest_hex(util::DigestAlgorithm::sha256, key.public_der()));
    EXPECT_TRUE(pub.same_public_key(key));
    EXPECT_FALSE(pub.same_public_key(generated(GetParam())));

    auto encrypted = key.private_pem("correct horse");
    ASSERT_TRUE(encrypted);
    EXPECT_NE(encrypted->find("BEGIN ENCRYPTED PRIVATE KEY"), std::string::npos);
    auto back = Key::from_private_pem(*encrypted, "correct horse");
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_TRUE(back->same_public_key(key));
    auto wrong = Key::from_private_pem(*encrypted, "wrong");
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("wrong passphrase"), std::string::npos)
        << wrong.error().message;
    auto none = Key::from_private_pem(*encrypted, "");
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("KAIYUAN_KEY_PASSPHRASE"), std::string::npos);
    // A signature of the message's digest verifies as a signature of the message.
    if (key.type() == KeyType::ed25519) {
        EXPECT_FALSE(key.sign_digest(std::string(32, 'x')));
    } else {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int md_len = 0;
        EVP_Digest("message", 7, md, &md_len,
                   key.digest_algorithm() == "sha384" ? EVP_sha384() : EVP_sha256(), nullptr);
        std::string raw(reinterpret_cast<char*>(md), md_len);
        auto by_digest = key.sign_digest(raw);
        ASSERT_TRUE(by_digest) << by_digest.error().message;
        EXPECT_TRUE(pub.verify("message", *by_digest));
        EXPECT_FALSE(pub.verify("messagE", *by_digest));
        EXPECT_FALSE(key.sign_digest(raw.substr(1)));
    }
    auto plain = key.private_pem("");
    ASSERT_TRUE(plain);
    EXPECT_NE(plain->find("BEGIN PRIVATE KEY"), std::string::npos);
    EXPECT_TRUE(Key::from_private_pem(*plain, ""));
}

INSTANTIATE_TEST_SUITE_P(All, KeyTypes,
                         testing::Values("ed25519", "ecdsa-p256", "ecdsa-p384", "rsa-3072"),
                         [](const testing::TestParamInfo<const char*>& param_info) {
                             std::string n = param_info.param;
                             for (auto& c : n)
                                 if (c == '-') c = '_';
                             return n;
                         });

TEST(Key, RefusesWhatItCannotUse) {
    EXPECT_FALSE(parse_key_spec("dsa"));
    EXPECT_FALSE(Key::from_public_pem("not a key"));
    auto priv = generated("ed25519").private_pem("");
    auto as_public = Key::from_public_pem(*priv);
    ASSERT_FALSE(as_public);
    EXPECT_NE(as_public.error().message.find("private key"), std::string::npos);
    auto as_private = Key::from_private_pem(generated("ed25519").public_pem(), "");
    ASSERT_FALSE(as_private);
    EXPECT_NE(as_private.error().message.find("public key"), std::string::npos);
    // A 1024-bit RSA key is refused (too weak).
    EVP_PKEY* weak = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024));
    auto adopted = Key::adopt(weak, true);
    ASSERT_FALSE(adopted);
    EXPECT_NE(adopted.error().message.find("too weak"), std::string::npos);
}

TEST(Envelope, ReadsWhatItWritesAndRefusesMalformedInput) {
    Envelope env{
        "application/vnd.in-toto+json", std::string("{\"a\":1}\0x", 9), {{"k1", "\x01\x02\xff"}}};
    auto back = read_envelope(write_envelope(env));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->payload, env.payload);
    EXPECT_EQ(back->signatures[0].sig, env.signatures[0].sig);
    EXPECT_EQ(back->signatures[0].keyid, "k1");
    // URL-safe base64 without padding is accepted (protocol.md).
    auto url = read_envelope(R"({"payloadType":"t","payload":"-_8","signatures":[{"sig":"AQI"}]})");
    ASSERT_TRUE(url) << url.error().message;
    EXPECT_EQ(url->payload, "\xfb\xff");

    struct Case {
        const char* json;
        const char* says;
    } cases[] = {
        {"", "invalid JSON"},
        {"[]", "JSON object"},
        {R"({"payload":"YQ==","signatures":[{"sig":"AQI="}]})", "payloadType"},
        {R"({"payloadType":"t","signatures":[{"sig":"AQI="}]})", "\"payload\""},
        {R"({"payloadType":"t","payload":"Y*Q==","signatures":[{"sig":"AQI="}]})", "not base64"},
        {R"({"payloadType":"t","payload":"YQ==","signatures":[]})", "no signatures"},
        {R"({"payloadType":"t","payload":"YQ==","signatures":[{"sig":5}]})", "signatures[0]"},
        {R"({"payloadType":"t","payload":"YQ==","signatures":[{"sig":"AQI=","keyid":3}]})",
         "keyid"},
        {R"({"payloadType":"t","payload":"YQ==","signatures":[{"sig":"AQIDB"}]})", "not base64"},
        {R"({"payloadType":"t","payload":"YQ==","signatures":"x"})", "signatures"},
        {R"({"payloadType":"t","payload":"YQ==","signatures":[{"sig":"AQI="}])", "invalid JSON"},
    };
    for (const auto& c : cases) {
        auto r = read_envelope(c.json);
        ASSERT_FALSE(r) << c.json;
        EXPECT_NE(r.error().message.find(c.says), std::string::npos)
            << c.json << " -> " << r.error().message;
    }
}

TEST(Statement, IsCompactAndNamesItsSubjects) {
    auto file = temp_file("subject.txt", "hello\n");
    auto subject = file_subject(file, "subject.txt");
    ASSERT_TRUE(subject);
    EXPECT_EQ(subject->digest("sha256"),
              util::digest_hex(util::DigestAlgorithm::sha256, "hello\n"));
    auto st = make_statement({*subject}, "https://spdx.dev/Document",
                             "{ \"spdxVersion\" : \"SPDX-2.3\" ,\n \"a\": [1, 2] }");
    ASSERT_TRUE(st) << st.error().message;
    EXPECT_EQ(
        *st,
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"subject.txt\","
        "\"digest\":{\"sha256\":\"" +
            subject->digest("sha256") +
            "\"}}],\"predicateType\":\"https://spdx.dev/Document\",\"predicate\":"
            "{\"spdxVersion\":\"SPDX-2.3\",\"a\":[1,2]}}");
    auto parsed = read_statement(*st);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->predicate_type, "https://spdx.dev/Document");
    ASSERT_EQ(parsed->subjects.size(), 1u);
    EXPECT_EQ(parsed->subjects[0].name, "subject.txt");
    EXPECT_FALSE(make_statement({*subject}, "u", "{not json"));
    EXPECT_FALSE(make_statement({}, "u", "{}"));
    EXPECT_FALSE(read_statement(R"({"_type":"x","subject":[],"predicateType":"p"})"));
    EXPECT_FALSE(read_statement(
        R"({"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a"}],"predicateType":"p"})"));
    EXPECT_FALSE(file_subject("/nonexistent/file", "x"));
    std::filesystem::remove(file);
}

// Statements as the in-toto attestation spec shapes them (spec/v1/statement.md and
// predicates/test-results.md): a subject without a name and with a gitCommit digest, and the
// older v0.1 statement type.
TEST(Statement, ReadsTheSpecsShapes) {
    auto v1 = read_statement(R"({"_type": "https://in-toto.io/Statement/v1",
        "subject": [{"digest": {"gitCommit": "d20ace7968ba43c0219f62d71334c1095bab1602"}}],
        "predicateType": "https://in-toto.io/attestation/test-result/v0.1",
        "predicate": {"result": "pass", "configuration": [], "passedTests": ["build"]}})");
    ASSERT_TRUE(v1) << v1.error().message;
    ASSERT_EQ(v1->subjects.size(), 1u);
    EXPECT_EQ(v1->subjects[0].name, "");
    EXPECT_EQ(v1->subjects[0].digest("gitCommit"), "d20ace7968ba43c0219f62d71334c1095bab1602");
    EXPECT_EQ(v1->subjects[0].digest("sha256"), "");
    EXPECT_TRUE(predicate_type_matches("test-result", v1->predicate_type));
    auto v01 = read_statement(R"({"_type": "https://in-toto.io/Statement/v0.1",
        "subject": [{"name": "_", "digest": {"sha256": "ABCDEF"}}], "predicateType": "p"})");
    ASSERT_TRUE(v01) << v01.error().message;
    EXPECT_EQ(v01->subjects[0].digest("sha256"), "abcdef"); // hex compared in lower case
    // Each subject MUST have a digest; a digest's values are strings.
    EXPECT_FALSE(read_statement(R"({"_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": "a", "digest": {}}], "predicateType": "p"})"));
    EXPECT_FALSE(read_statement(R"({"_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": "a", "digest": {"sha256": 5}}], "predicateType": "p"})"));
}

TEST(Statement, PredicateTypes) {
    EXPECT_EQ(*predicate_type_uri("spdx"), "https://spdx.dev/Document");
    EXPECT_EQ(*predicate_type_uri("cyclonedx"), "https://cyclonedx.org/bom");
    EXPECT_EQ(*predicate_type_uri("openvex"), "https://openvex.dev/ns");
    EXPECT_EQ(*predicate_type_uri("slsa-provenance"), "https://slsa.dev/provenance/v1");
    EXPECT_EQ(*predicate_type_uri("https://example.com/custom/v1"),
              "https://example.com/custom/v1");
    EXPECT_FALSE(predicate_type_uri("sbom"));
    EXPECT_TRUE(predicate_type_matches("spdx", "https://spdx.dev/Document/v2.3"));
    EXPECT_TRUE(predicate_type_matches("spdx", "https://spdx.dev/Document"));
    EXPECT_FALSE(predicate_type_matches("spdx", "https://cyclonedx.org/bom"));
    EXPECT_FALSE(predicate_type_matches("cyclonedx", "https://cyclonedx.org/bom/evil"));
}

TEST(Verify, AttestationChecksSignaturesTypeAndSubjects) {
    auto file = temp_file("artifact.tar", "artifact bytes");
    auto other = temp_file("other.tar", "other bytes");
    Key a = generated("ed25519");
    Key b = generated("ecdsa-p256");
    Key pa = public_of(a), pb = public_of(b), pc = public_of(generated("ecdsa-p384"));
    auto signers = signers_of({});
    signers.push_back(std::make_unique<KeySigner>(std::move(a)));
    signers.push_back(std::make_unique<KeySigner>(std::move(b)));
    auto env = attest_statement({*file_subject(file, "artifact.tar")}, "https://cyclonedx.org/bom",
                                R"({"bomFormat":"CycloneDX"})", signers);
    ASSERT_TRUE(env) << env.error().message;
    ASSERT_EQ(env->signatures.size(), 2u);
    EXPECT_EQ(env->signatures[0].keyid, pa.key_id());

    AttestationCheck check{1, "cyclonedx", {file}};
    auto ok = verify_attestation(*env, {&pa}, check);
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->statement.predicate_type, "https://cyclonedx.org/bom");
    // Threshold 2 over two distinct signers holds; the same key twice counts once.
    check.threshold = 2;
    EXPECT_TRUE(verify_attestation(*env, {&pa, &pb}, check));
    Key pa_again = public_of(signers[0]->public_key());
    auto twice = verify_attestation(*env, {&pa, &pa_again, &pc}, check);
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().message.find("1 of 2 distinct keys"), std::string::npos)
        << twice.error().message;
    auto too_few = verify_attestation(*env, {&pa, &pa_again}, check);
    ASSERT_FALSE(too_few);
    EXPECT_EQ(too_few.error().kind, VerifyError::bad_input);
    check.threshold = 1;
    // Wrong key, wrong type, wrong subject, changed payload, changed payload type.
    EXPECT_EQ(verify_attestation(*env, {&pc}, check).error().kind, VerifyError::failed);
    check.predicate_type = "spdx";
    EXPECT_NE(verify_attestation(*env, {&pa}, check).error().message.find("predicate type"),
              std::string::npos);
    check.predicate_type = "";
    check.subject_files = {other};
    EXPECT_NE(verify_attestation(*env, {&pa}, check).error().message.find("not a subject"),
              std::string::npos);
    check.subject_files = {};
    Envelope changed = *env;
    changed.payload[changed.payload.size() - 3] ^= 1;
    EXPECT_FALSE(verify_attestation(changed, {&pa}, check));
    changed = *env;
    changed.payload_type = "application/json";
    EXPECT_FALSE(verify_attestation(changed, {&pa}, check));
    // A signature over another PAE (the same payload, typed differently) does not verify.
    auto other_type = sign_envelope("application/json", env->payload, signers);
    ASSERT_TRUE(other_type);
    changed = *env;
    changed.signatures = other_type->signatures;
    EXPECT_FALSE(verify_attestation(changed, {&pa, &pb}, check));
    // A correctly signed payload that is not a statement is refused after verification.
    auto not_statement = sign_envelope(std::string(k_in_toto_payload_type), "{\"x\":1}", signers);
    auto refused = verify_attestation(*not_statement, {&pa}, check);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("not an in-toto statement"), std::string::npos);
    std::filesystem::remove(file);
    std::filesystem::remove(other);
}

TEST(Bundle, RoundTripsAndReadsBareEnvelopes) {
    auto signers = signers_of({});
    signers.push_back(std::make_unique<KeySigner>(generated("ecdsa-p256")));
    auto env = sign_envelope(std::string(k_in_toto_payload_type), "payload", signers);
    ASSERT_TRUE(env);
    std::string hint = signers[0]->public_key().key_id();
    auto bundle = read_envelope_or_bundle(write_bundle(*env, hint, {}));
    ASSERT_TRUE(bundle) << bundle.error().message;
    EXPECT_EQ(bundle->media_type, k_bundle_media_type_v03);
    EXPECT_EQ(bundle->public_key_hint, hint);
    EXPECT_EQ(bundle->envelope.payload, "payload");
    EXPECT_EQ(bundle->envelope.signatures[0].sig, env->signatures[0].sig);
    auto bare = read_envelope_or_bundle(write_envelope(*env));
    ASSERT_TRUE(bare);
    EXPECT_TRUE(bare->media_type.empty());
    EXPECT_FALSE(read_envelope(write_bundle(*env, hint, {})));
    EXPECT_FALSE(read_bundle(
        R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","messageSignature":{}})"));
    EXPECT_FALSE(read_bundle(R"({"mediaType":"text/plain"})"));
}

TEST(X509, CodeSigningChain) {
    Key ca = generated("ecdsa-p256");
    Key leaf = generated("ed25519");
    auto ca_cert =
        issue_certificate(public_of(ca), ca, "", {"CN=Test Root,O=kaiyuan", 30, true, ""});
    ASSERT_TRUE(ca_cert) << ca_cert.error().message;
    auto leaf_cert = issue_certificate(public_of(leaf), ca, *ca_cert,
                                       {"CN=release signer", 10, false, "r@example.org"});
    ASSERT_TRUE(leaf_cert) << leaf_cert.error().message;
    std::string roots = certificate_pem(*ca_cert);
    EXPECT_TRUE(verify_code_signing_chain({*leaf_cert}, roots));
    EXPECT_TRUE(certificate_key(*leaf_cert)->same_public_key(leaf));
    EXPECT_EQ(certificate_subject(*leaf_cert), "CN=release signer");
    // Expired (verified 11 days from now), not yet valid (yesterday: notBefore is 5 minutes ago).
    auto now = std::time(nullptr);
    auto expired = verify_code_signing_chain({*leaf_cert}, roots, now + 11 * 86400);
    ASSERT_FALSE(expired);
    EXPECT_NE(expired.error().message.find("expired"), std::string::npos)
        << expired.error().message;
    EXPECT_FALSE(verify_code_signing_chain({*leaf_cert}, roots, now - 86400));
    // Another root; a CA certificate (no code-signing usage) as the signer.
    Key other = generated("ecdsa-p256");
    auto other_root =
        issue_certificate(public_of(other), other, "", {"CN=Other Root", 30, true, ""});
    EXPECT_FALSE(verify_code_signing_chain({*leaf_cert}, certificate_pem(*other_root)));
    auto not_for_code = verify_code_signing_chain({*ca_cert}, roots);
    ASSERT_FALSE(not_for_code);
    EXPECT_NE(not_for_code.error().message.find("code signing"), std::string::npos)
        << not_for_code.error().message;
    // An intermediate CA in the chain.
    Key mid = generated("ecdsa-p384");
    auto mid_cert =
        issue_certificate(public_of(mid), ca, *ca_cert, {"CN=Intermediate", 30, true, ""});
    auto leaf2 = issue_certificate(public_of(leaf), mid, *mid_cert, {"CN=signer 2", 10, false, ""});
    EXPECT_TRUE(verify_code_signing_chain({*leaf2, *mid_cert}, roots));
    EXPECT_FALSE(verify_code_signing_chain({*leaf2}, roots));
    // The issuer key must match the issuer certificate.
    EXPECT_FALSE(issue_certificate(public_of(leaf), other, *ca_cert, {"CN=x", 1, false, ""}));
    EXPECT_FALSE(issue_certificate(public_of(leaf), ca, *ca_cert, {"not a subject", 1, false, ""}));
}

TEST(Pkcs11Uri, ParsesRfc7512Examples) {
    auto uri =
        parse_pkcs11_uri("pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;"
                         "manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-key;type=private;"
                         "id=%69%95%3E%5C%F4%BD%EC%91?pin-value=1234&module-path=/usr/lib/p.so");
    ASSERT_TRUE(uri) << uri.error().message;
    EXPECT_EQ(uri->path.at("token"), "The Software PKCS#11 Softtoken");
    EXPECT_EQ(uri->path.at("manufacturer"), "Snake Oil, Inc.");
    EXPECT_EQ(uri->path.at("id"), "\x69\x95\x3e\x5c\xf4\xbd\xec\x91");
    EXPECT_EQ(uri->query.at("pin-value"), "1234");
    EXPECT_EQ(uri->query.at("module-path"), "/usr/lib/p.so");
    EXPECT_TRUE(parse_pkcs11_uri("pkcs11:"));
    EXPECT_TRUE(parse_pkcs11_uri("pkcs11:object=a;x-vendor=b"));
    EXPECT_FALSE(parse_pkcs11_uri("pkcs12:object=a"));
    EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=a;object=b"));
    EXPECT_FALSE(parse_pkcs11_uri("pkcs11:colour=red"));
    EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=%zz"));
    EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=%2"));
    EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object"));
    EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=a;type=cert"));
    auto missing = open_signer("pkcs11:token=x?module-path=/nonexistent/module.so", nullptr);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("cannot load PKCS#11 module"), std::string::npos);
}

// RFC 6962 2.1 over the eight leaves Certificate Transparency's implementations test with
// (certificate-transparency-go merkle tests): the roots of each prefix of the log.
TEST(Merkle, RootsAndInclusionProofsOfTheCtTestLeaves) {
    const std::vector<std::string> inputs = {
        "",
        std::string(1, '\x00'),
        "\x10",
        "\x20\x21",
        "\x30\x31",
        "\x40\x41\x42\x43",
        "\x50\x51\x52\x53\x54\x55\x56\x57",
        "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"};
    const char* roots[] = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                           "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                           "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                           "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                           "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                           "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                           "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                           "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    std::vector<std::string> leaves;
    for (const auto& in : inputs)
        leaves.push_back(merkle_leaf_hash(in));
    EXPECT_EQ(util::to_hex(merkle_root(leaves, 0)),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (std::size_t n = 1; n <= leaves.size(); ++n) {
        std::string root = merkle_root(leaves, n);
        EXPECT_EQ(util::to_hex(root), roots[n - 1]) << n;
        for (std::size_t m = 0; m < n; ++m) {
            auto proof = merkle_inclusion_proof(leaves, m, n);
            EXPECT_TRUE(merkle_verify_inclusion(m, n, leaves[m], proof, root)) << m << " of " << n;
            // The wrong leaf, index, size or a changed proof does not verify.
            if (n > 1) {
                EXPECT_FALSE(merkle_verify_inclusion(m, n, leaves[(m + 1) % n], proof, root));
                EXPECT_FALSE(merkle_verify_inclusion((m + 1) % n, n, leaves[m], proof, root));
            }
            if (!proof.empty()) {
                auto bad = proof;
                bad.back()[0] ^= 1;
                EXPECT_FALSE(merkle_verify_inclusion(m, n, leaves[m], bad, root));
            }
        }
    }
    EXPECT_FALSE(merkle_verify_inclusion(3, 3, leaves[0], {}, merkle_root(leaves, 3)));
}

// The incremental tree gives the recursive definition's roots and proofs, for every prefix.
TEST(Merkle, IncrementalTreeAgreesWithTheDefinition) {
    std::vector<std::string> leaves;
    MerkleTree tree;
    for (int i = 0; i < 70; ++i) {
        leaves.push_back(merkle_leaf_hash("entry " + std::to_string(i)));
        tree.append(leaves.back());
    }
    ASSERT_EQ(tree.size(), 70u);
    for (std::size_t n = 0; n <= 70; ++n) {
        ASSERT_EQ(tree.root(n), merkle_root(leaves, n)) << n;
        for (std::size_t m = 0; m < n; ++m)
            ASSERT_EQ(tree.inclusion_proof(m, n), merkle_inclusion_proof(leaves, m, n))
                << m << " " << n;
    }
}

// A log entry as the signing service serves it, checked offline: the leaf, the proof to the
// root, a trusted root and size, and what the entry must be the signature of.
TEST(LogEntry, ProofRootAndSignatureChecked) {
    auto signers = signers_of({});
    signers.push_back(std::make_unique<KeySigner>(generated("ecdsa-p256")));
    auto env = sign_envelope(std::string(k_in_toto_payload_type), "{}", signers);
    ASSERT_TRUE(env);
    std::string sig_b64 = util::base64_encode(env->signatures[0].sig);
    std::string pae_digest =
        util::digest_hex(util::DigestAlgorithm::sha256, pae(env->payload_type, env->payload));
    MerkleTree tree;
    std::vector<std::string> leaves;
    for (int i = 0; i < 5; ++i) {
        std::string leaf = "{\"index\":" + std::to_string(i) +
                           ",\"key\":\"k\",\"signedDigest\":\"sha256:" +
                           (i == 3 ? pae_digest : std::string(64, '0')) + "\",\"signature\":\"" +
                           (i == 3 ? sig_b64 : std::string("AAAA")) + "\"}";
        leaves.push_back(leaf);
        tree.append(merkle_leaf_hash(leaf));
    }
    auto entry_json = [&](std::size_t i, const std::string& leaf) {
        std::string proof;
        for (const auto& h : tree.inclusion_proof(i, 5))
            proof += (proof.empty() ? "\"" : ",\"") + util::to_hex(h) + "\"";
        std::string escaped;
        for (char ch : leaf)
            escaped += ch == '"' ? std::string("\\\"") : std::string(1, ch);
        return "{\"index\":" + std::to_string(i) + ",\"leaf\":\"" + escaped +
               "\",\"proof\":{\"treeSize\":5,\"rootHash\":\"" + util::to_hex(tree.root(5)) +
               "\",\"inclusionProof\":[" + proof + "]}}";
    };
    LogEntryCheck check;
    check.envelope = &*env;
    auto ok = verify_log_entry(entry_json(3, leaves[3]), check);
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->index, 3u);
    EXPECT_EQ(ok->tree_size, 5u);
    EXPECT_EQ(ok->root, util::to_hex(tree.root(5)));
    check.trusted_root = util::to_hex(tree.root(5));
    check.tree_size = 5;
    EXPECT_TRUE(verify_log_entry(entry_json(3, leaves[3]), check));
    check.trusted_root = util::to_hex(tree.root(4));
    EXPECT_EQ(verify_log_entry(entry_json(3, leaves[3]), check).error().kind, VerifyError::failed);
    check.trusted_root.clear();
    // Another entry is not this envelope's; a changed leaf does not lead to the root.
    EXPECT_NE(verify_log_entry(entry_json(2, leaves[2]), check).error().message.find("envelope"),
              std::string::npos);
    std::string changed = leaves[3];
    changed.replace(changed.find("\"k\""), 3, "\"K\"");
    EXPECT_NE(
        verify_log_entry(entry_json(3, changed), check).error().message.find("inclusion proof"),
        std::string::npos);
    // Not an entry at all.
    EXPECT_EQ(verify_log_entry("{}", check).error().kind, VerifyError::bad_input);
    EXPECT_EQ(verify_log_entry("[", check).error().kind, VerifyError::bad_input);
}
