#include "kaiyuan/cli/attest_output.hpp"

#include "kaiyuan/attest/attestation.hpp"
#include "kaiyuan/attest/bundle.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/key_options.hpp"

#include <cstdio>
#include <filesystem>

namespace kaiyuan::cli {

void AttestOptions::add_to(CLI::App& cmd) {
    cmd.add_option("--attest", key,
                   "also sign the output as an in-toto attestation with KEY (file or pkcs11: URI)");
    cmd.add_option("--attest-output", output,
                   "where the attestation goes (default: the output file + .intoto.json)");
    cmd.add_flag("--attest-bundle", bundle, "write the attestation as a Sigstore bundle");
}

std::string AttestOptions::destination(const std::string& document_output) const {
    if (!output.empty()) return output;
    if (document_output.empty() || document_output == "-")
        throw CommandError{"--attest with output on stdout needs --attest-output FILE"};
    return document_output + ".intoto.json";
}

void write_output_attestation(const AttestOptions& options, const std::string& target,
                              const std::string& document, const std::string& document_output,
                              const std::string& predicate_type, bool quiet) {
    auto type = attest::predicate_type_uri(predicate_type);
    if (!type) throw CommandError{"--attest: unknown predicate type " + predicate_type};
    std::error_code ec;
    attest::Subject subject;
    if (std::filesystem::is_regular_file(target, ec)) {
        auto s = attest::file_subject(target, std::filesystem::path(target).filename().string());
        if (!s) throw CommandError{s.error().message};
        subject = std::move(*s);
    } else {
        // A directory has no digest of its own: the statement is about the document written.
        if (document_output.empty() || document_output == "-")
            throw CommandError{"--attest: " + target +
                               " is not a file, so the attestation is about the document "
                               "written: give -o FILE"};
        auto s = attest::file_subject(document_output,
                                      std::filesystem::path(document_output).filename().string());
        if (!s) throw CommandError{"--attest: " + s.error().message};
        subject = std::move(*s);
        if (!quiet)
            std::fprintf(stderr,
                         "kaiyuan: %s is not a file: the attestation's subject is %s itself\n",
                         target.c_str(), document_output.c_str());
    }
    std::vector<std::unique_ptr<attest::Signer>> signers;
    signers.push_back(open_signing_key(options.key));
    auto env = attest::attest_statement({subject}, *type, document, signers);
    if (!env) throw CommandError{"--attest: " + env.error().message};
    OutputOptions out;
    out.output = options.destination(document_output);
    out.emit(options.bundle ? attest::write_bundle(*env, signers.front()->public_key().key_id(), {})
                            : attest::write_envelope(*env));
    if (!quiet)
        std::fprintf(stderr, "kaiyuan: attestation of %s written to %s\n", subject.name.c_str(),
                     out.output.c_str());
}

} // namespace kaiyuan::cli
