// kaiyuan verify-log-entry ENTRY [--root HEX --tree-size N] [--envelope FILE | --file FILE
// --signature SIG]: that a signature was logged by a kaiyuan signing service, checked offline
// from the entry and its RFC 6962 inclusion proof (docs/attest.md "The signing service").
#include "kaiyuan/attest/bundle.hpp"
#include "kaiyuan/attest/log_entry.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/key_options.hpp"
#include "kaiyuan/util/random.hpp"

#include <cstdio>

namespace kaiyuan::cli {

namespace {

struct Args {
    std::string entry, root, envelope, file, signature;
    std::size_t tree_size = 0;
};

void run(const Args& a) {
    attest::LogEntryCheck check;
    check.trusted_root = a.root;
    if (a.tree_size) check.tree_size = a.tree_size;
    if (!a.root.empty() && !a.tree_size)
        throw CommandError{"--root needs --tree-size (the size of the tree it is the root of)"};
    std::optional<attest::Bundle> bundle;
    if (!a.envelope.empty()) {
        auto read =
            attest::read_envelope_or_bundle(read_input(a.envelope, attest::k_max_envelope_bytes));
        if (!read) throw CommandError{a.envelope + ": " + read.error().message};
        bundle = std::move(*read);
        check.envelope = &bundle->envelope;
    }
    if (!a.signature.empty()) {
        std::string text = read_input(a.signature, 1 << 16), sig;
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
            text.pop_back();
        if (!util::base64_decode(text, sig) || sig.empty())
            throw CommandError{a.signature + ": not a base64 signature"};
        check.signature = sig;
    }
    if (!a.file.empty() && a.signature.empty()) throw CommandError{"--file goes with --signature"};
    check.file = a.file;
    auto logged = attest::verify_log_entry(read_input(a.entry, 16 << 20), check);
    if (!logged)
        throw CommandError{a.entry + ": " + logged.error().message,
                           logged.error().kind == attest::VerifyError::failed ? k_policy : k_usage};
    std::printf("logged %zu of %zu root %s key %s time %s\n", logged->index, logged->tree_size,
                logged->root.c_str(), logged->key.c_str(), logged->time.c_str());
    if (a.root.empty())
        std::fprintf(
            stderr,
            "kaiyuan: the proof leads to root %s; compare it with a root you trust (--root)\n",
            logged->root.c_str());
}

} // namespace

void register_verify_log_entry(CLI::App& app) {
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("verify-log-entry",
                                   "check offline that a signature is in a signing service's log");
    cmd->add_option("ENTRY", args->entry,
                    "the entry with its proof (GET /api/v2/signatures/{index}, or POST "
                    "/api/v2/sign's answer)")
        ->required();
    cmd->add_option("--root", args->root,
                    "a root hash you trust (hex, from GET /api/v2/signatures)");
    cmd->add_option("--tree-size", args->tree_size, "the size of the tree --root is the root of");
    cmd->add_option("--envelope", args->envelope,
                    "the entry must be this envelope's (or bundle's) signature");
    cmd->add_option("--signature", args->signature,
                    "the entry must be this detached signature (base64) ...");
    cmd->add_option("--file", args->file, "... of this file");
    cmd->callback([args] { run(*args); });
}

} // namespace kaiyuan::cli
