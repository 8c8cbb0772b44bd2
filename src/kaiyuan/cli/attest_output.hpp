#pragma once
/// `--attest KEY` of scan and vuln: the command's own output, signed in the same run as the
/// predicate of an in-toto statement about what was scanned (docs/attest.md "Attesting output").
#include <CLI/CLI.hpp>

#include <string>

namespace kaiyuan::cli {

struct AttestOptions {
    std::string key;    ///< --attest KEY: private key file or pkcs11: URI; empty: no attestation
    std::string output; ///< --attest-output FILE; default: the output file + ".intoto.json"
    bool bundle = false;
    void add_to(CLI::App& cmd);
    bool wanted() const { return !key.empty(); }
    /// Where the attestation goes; ends the command (before any work) when it cannot be said.
    std::string destination(const std::string& document_output) const;
};

/// Signs `document` (JSON) as a predicate of `predicate_type` about `target`: the target's file
/// when it is one (an archive, image, package, lockfile or SBOM), otherwise (a directory) the
/// written document itself, which stderr then says. Writes the envelope or bundle.
void write_output_attestation(const AttestOptions& options, const std::string& target,
                              const std::string& document, const std::string& document_output,
                              const std::string& predicate_type, bool quiet);

} // namespace kaiyuan::cli
