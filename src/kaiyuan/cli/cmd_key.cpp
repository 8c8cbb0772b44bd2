// kaiyuan key generate | show | certify: signing keys and code-signing certificates
// (docs/attest.md "Keys").
#include "kaiyuan/attest/key.hpp"
#include "kaiyuan/attest/secret.hpp"
#include "kaiyuan/attest/signer.hpp"
#include "kaiyuan/attest/x509.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/key_options.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/util/files.hpp"

#include <iostream>
#include <unistd.h>

namespace kaiyuan::cli {

namespace {

struct GenerateArgs {
    std::string type = "ed25519";
    std::string name;
    bool unencrypted = false;
    bool force = false;
};

void run_generate(const GenerateArgs& args) {
    auto spec = attest::parse_key_spec(args.type);
    if (!spec)
        throw CommandError{"unknown key type " + args.type +
                           " (ed25519, ecdsa-p256, ecdsa-p384, rsa-3072, rsa-4096)"};
    attest::Secret passphrase;
    if (!args.unencrypted) {
        auto got = attest::read_passphrase("Passphrase for " + args.name + ".key: ", true);
        if (!got) throw CommandError{got.error().message};
        passphrase = std::move(*got);
        if (passphrase.empty())
            throw CommandError{"no passphrase: set KAIYUAN_KEY_PASSPHRASE, answer the prompt, or "
                               "give --unencrypted (test keys only)"};
    }
    auto key = attest::Key::generate(*spec);
    if (!key) throw CommandError{key.error().message};
    auto pem = key->private_pem(passphrase.view());
    if (!pem) throw CommandError{pem.error().message};
    attest::Secret private_pem(std::move(*pem));
    if (auto w = attest::write_secret_file(args.name + ".key", private_pem.view(), args.force); !w)
        throw CommandError{w.error().message};
    if (!args.force && ::access((args.name + ".pub").c_str(), F_OK) == 0)
        throw CommandError{args.name + ".pub: exists already (--force replaces it)"};
    if (auto w = util::write_file_atomic(args.name + ".pub", key->public_pem()); !w)
        throw CommandError{w.error().message};
    std::fprintf(stderr, "kaiyuan: wrote %s.key (%s, %s) and %s.pub\n", args.name.c_str(),
                 key->type_name().c_str(), args.unencrypted ? "unencrypted" : "encrypted",
                 args.name.c_str());
    std::cout << key->key_id() << "\n";
}

struct ShowArgs {
    std::string path;
    std::string format;
};

void run_show(const ShowArgs& args) {
    std::optional<attest::Key> key;
    std::string subject;
    auto text = args.path.starts_with("pkcs11:") ? Result<attest::Secret>(attest::Secret())
                                                 : attest::read_secret_file(args.path);
    if (!text) throw CommandError{text.error().message};
    std::string_view pem = text->view();
    if (args.path.starts_with("pkcs11:") || pem.find("PRIVATE KEY") != std::string_view::npos) {
        // A token's key or a private key file: its public half, as the signer sees it.
        auto signer = open_signing_key(args.path);
        auto pub = attest::Key::from_public_der(signer->public_key().public_der());
        if (!pub) throw CommandError{pub.error().message};
        key = std::move(*pub);
    } else {
        auto k = attest::Key::from_public_pem(pem);
        if (!k) throw CommandError{args.path + ": " + k.error().message};
        key = std::move(*k);
        if (pem.find("CERTIFICATE") != std::string_view::npos)
            if (auto certs = attest::read_certificates_pem(pem))
                subject = attest::certificate_subject(certs->front());
    }
    if (args.format == "json") {
        std::string out;
        format::JsonOut json(out);
        json.begin_object();
        json.field("type", key->type_name());
        json.field("keyid", key->key_id());
        json.field_if("certificateSubject", subject);
        json.field("publicKey", key->public_pem());
        json.end_object();
        std::cout << out << "\n";
        return;
    }
    if (!args.format.empty() && args.format != "text") throw CommandError{"-f is text or json"};
    std::cout << "type:  " << key->type_name() << "\nkeyid: " << key->key_id() << "\n";
    if (!subject.empty()) std::cout << "certificate subject: " << subject << "\n";
    std::cout << key->public_pem();
}

struct CertifyArgs {
    std::string public_key;
    std::string ca_key;
    std::string ca_cert;
    bool self_signed = false;
    bool is_ca = false;
    std::string subject;
    std::string email;
    int days = 365;
    std::string output;
};

void run_certify(const CertifyArgs& args) {
    // The issuer signs the certificate itself: only file keys can (a token would need X509_sign
    // through PKCS#11, which kaiyuan does not do).
    auto issuer_key = attest::read_private_key(args.ca_key, terminal_prompt());
    if (!issuer_key) throw CommandError{issuer_key.error().message};
    std::string issuer_der;
    std::optional<attest::Key> subject_key;
    if (args.self_signed) {
        if (!args.ca_cert.empty())
            throw CommandError{"--self-signed and --ca-cert exclude each other"};
        auto k = attest::Key::from_public_der(issuer_key->public_der());
        if (!k) throw CommandError{k.error().message};
        subject_key = std::move(*k);
    } else {
        if (args.ca_cert.empty() || args.public_key.empty())
            throw CommandError{"give PUBLIC_KEY and --ca-cert (or --self-signed for a root)"};
        auto certs = attest::read_certificates_pem(read_input(args.ca_cert, 1 << 20));
        if (!certs) throw CommandError{args.ca_cert + ": " + certs.error().message};
        issuer_der = certs->front();
        auto keys = read_public_keys({args.public_key});
        subject_key = std::move(keys.front());
    }
    attest::CertificateRequest request{args.subject, args.days, args.is_ca || args.self_signed,
                                       args.email};
    auto der = attest::issue_certificate(*subject_key, *issuer_key, issuer_der, request);
    if (!der) throw CommandError{der.error().message};
    OutputOptions out;
    out.output = args.output;
    out.emit(attest::certificate_pem(*der));
}

} // namespace

void register_key(CLI::App& app) {
    auto* key = app.add_subcommand("key", "signing keys: generate, show, certify");
    key->require_subcommand(1);

    auto gen = std::make_shared<GenerateArgs>();
    auto* g =
        key->add_subcommand("generate", "a new key pair: NAME.key (PKCS#8, 0600) and NAME.pub");
    g->add_option("--type", gen->type,
                  "ed25519 (default), ecdsa-p256, ecdsa-p384, rsa-3072, rsa-4096");
    g->add_option("-o,--output", gen->name, "NAME: writes NAME.key and NAME.pub")->required();
    g->add_flag("--unencrypted", gen->unencrypted, "no passphrase (test keys only)");
    g->add_flag("--force", gen->force, "replace existing files");
    g->callback([gen] { run_generate(*gen); });

    auto show = std::make_shared<ShowArgs>();
    auto* s =
        key->add_subcommand("show", "type, key id (SHA-256 of the DER public key) and public key");
    s->add_option("KEY", show->path, "private or public key, certificate, or pkcs11: URI")
        ->required();
    s->add_option("-f,--format", show->format, "text (default) or json");
    s->callback([show] { run_show(*show); });

    auto cert = std::make_shared<CertifyArgs>();
    auto* c = key->add_subcommand("certify", "issue a code-signing certificate from a local CA");
    c->add_option("PUBLIC_KEY", cert->public_key, "the public key to certify (NAME.pub)");
    c->add_option("--ca-key", cert->ca_key, "the issuing CA's private key")->required();
    c->add_option("--ca-cert", cert->ca_cert, "the issuing CA's certificate");
    c->add_flag("--self-signed", cert->self_signed, "a self-signed root CA for --ca-key");
    c->add_flag("--ca", cert->is_ca,
                "issue a CA (intermediate) certificate, not a code-signing one");
    c->add_option("--subject", cert->subject, "CN=name,O=organisation")->required();
    c->add_option("--email", cert->email, "subjectAltName e-mail address");
    c->add_option("--days", cert->days, "validity in days (default 365)");
    c->add_option("-o,--output", cert->output, "write the PEM certificate to FILE");
    c->callback([cert] { run_certify(*cert); });
}

} // namespace kaiyuan::cli
