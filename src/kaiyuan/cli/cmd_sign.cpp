// kaiyuan sign FILE --key KEY / kaiyuan verify FILE --signature SIG --key PUB: detached
// signatures of any file (release tarballs, repository metadata), base64 as cosign sign-blob
// writes them (docs/attest.md "Detached signatures").
#include "kaiyuan/attest/key.hpp"
#include "kaiyuan/attest/mapped_file.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/key_options.hpp"
#include "kaiyuan/util/random.hpp"

#include <cstdio>
#include <iostream>

namespace kaiyuan::cli {

namespace {

struct SignArgs {
    std::string file;
    std::string key;
    std::string output;
};

attest::MappedFile map_input(const std::string& path) {
    auto mapped = attest::MappedFile::open(path);
    if (!mapped) throw CommandError{mapped.error().message};
    return std::move(*mapped);
}

void run_sign(const SignArgs& args) {
    auto signer = open_signing_key(args.key);
    auto file = map_input(args.file);
    auto sig = signer->sign(file.bytes());
    if (!sig) throw CommandError{sig.error().message};
    OutputOptions out;
    out.output = args.output;
    out.emit(util::base64_encode(*sig) + "\n");
}

struct VerifyArgs {
    std::string file;
    std::string signature;
    std::vector<std::string> keys;
};

void run_verify(const VerifyArgs& args) {
    auto keys = read_public_keys(args.keys);
    std::string text = read_input(args.signature, 1 << 16);
    // base64 (cosign, kaiyuan sign) or the raw bytes openssl writes.
    std::string trimmed = text;
    while (!trimmed.empty() &&
           (trimmed.back() == '\n' || trimmed.back() == '\r' || trimmed.back() == ' '))
        trimmed.pop_back();
    std::string sig;
    if (!util::base64_decode(trimmed, sig) || sig.empty()) sig = text;
    auto file = map_input(args.file);
    for (const auto& key : keys)
        if (key.verify(file.bytes(), sig)) {
            std::printf("verified %s %s\n", key.key_id().c_str(), args.file.c_str());
            return;
        }
    throw CommandError{args.file + ": the signature " + args.signature + " does not verify with " +
                           (keys.size() == 1 ? "the key given" : "any key given") +
                           " (wrong key, or the file or signature changed)",
                       k_policy};
}

} // namespace

void register_sign(CLI::App& app) {
    auto s = std::make_shared<SignArgs>();
    auto* sc = app.add_subcommand("sign", "a detached signature of a file (base64)");
    sc->add_option("FILE", s->file, "the file to sign")->required();
    sc->add_option("--key", s->key, "private key file or pkcs11: URI")->required();
    sc->add_option("-o,--output", s->output, "write the signature to FILE instead of stdout");
    sc->callback([s] { run_sign(*s); });

    auto v = std::make_shared<VerifyArgs>();
    auto* vc = app.add_subcommand("verify", "check a detached signature of a file");
    vc->add_option("FILE", v->file, "the signed file")->required();
    vc->add_option("--signature", v->signature, "the signature (base64, or raw bytes)")->required();
    vc->add_option("--key", v->keys, "trusted public key (repeat: any one of them)")->required();
    vc->callback([v] { run_verify(*v); });
}

} // namespace kaiyuan::cli
