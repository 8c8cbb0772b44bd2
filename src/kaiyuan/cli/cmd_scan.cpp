#include "kaiyuan/catalog/engine/engine.hpp"
#include "kaiyuan/catalog/engine/registry.hpp"
#include "kaiyuan/cli/attest_output.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/push_client.hpp"
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/license/package_licenses.hpp"
#include "kaiyuan/source/open_target.hpp"
#include "kaiyuan/util/glob.hpp"

#include <cstdio>
#include <cstdlib>

#include <algorithm>

namespace kaiyuan::cli {

namespace {
struct ScanArgs {
    std::string target;
    std::vector<std::string> catalogers; ///< globs over registry names; empty: all
    bool licenses = false;
    std::string license_data;
    OutputOptions out;
    PushOptions upload; ///< --upload URL: send the SBOM to a kaiyuan server
    AttestOptions attest;
};

/// The predicate type of an SBOM format that can be attested (a JSON one); ends the command
/// for the others before any work is done.
std::string attest_predicate_type(format::Format fmt) {
    switch (fmt) {
    case format::Format::spdx_json:
        return "spdx";
    case format::Format::spdx3_json:
        return "spdx3";
    case format::Format::cyclonedx_json:
        return "cyclonedx";
    default:
        throw CommandError{"--attest signs an SPDX or CycloneDX JSON document: give -f spdx-json, "
                           "spdx3-json or cyclonedx-json"};
    }
}

// The registry's catalogers whose names match one of `patterns` ("npm-*", "rpm-db"). A pattern
// that matches none is a mistake (a typo would silently scan less): it ends the command, naming
// the pattern.
std::vector<std::unique_ptr<catalog::Cataloger>>
selected_catalogers(const std::vector<std::string>& patterns) {
    auto all = catalog::all_catalogers();
    if (patterns.empty()) return all;
    std::string unmatched;
    for (const auto& p : patterns)
        if (std::none_of(all.begin(), all.end(),
                         [&](const auto& c) { return util::glob_match(p, c->name()); }))
            unmatched += (unmatched.empty() ? "'" : ", '") + p + "'";
    if (!unmatched.empty())
        throw CommandError{"--catalogers: " + unmatched +
                           " matches no cataloger (kaiyuan capabilities lists them)"};
    std::vector<std::unique_ptr<catalog::Cataloger>> out;
    for (auto& c : all)
        for (const auto& p : patterns)
            if (util::glob_match(p, c->name())) {
                out.push_back(std::move(c));
                break;
            }
    return out;
}

void run_scan(const ScanArgs& args) {
    format::Format fmt = args.out.resolve_format();
    std::string predicate_type;
    if (args.attest.wanted()) {
        predicate_type = attest_predicate_type(fmt);
        (void)args.attest.destination(args.out.output);
    }
    auto tree = source::open_target(args.target);
    if (!tree) throw CommandError{tree.error().message};
    auto progress = make_progress(args.out.quiet);
    auto catalogers = selected_catalogers(args.catalogers);
    auto sbom = catalog::scan(**tree, catalogers, {progress.get()});
    if (!sbom) throw CommandError{sbom.error().message};
    auto& m = sbom->metadata;
    m.target = args.target;
    m.name = args.target;
    m.created = format::now_rfc3339();
    m.tool_version = format::k_tool_version;
    report_diagnostics(sbom->diagnostics, args.out.quiet);
    // A list named on the command line is the user's wish; one from KAIYUAN_LICENSE_DATA is a
    // standing setting that scans without --licenses rightly leave unused.
    const char* from_env = std::getenv("KAIYUAN_LICENSE_DATA");
    if (!args.licenses && !args.license_data.empty() && !args.out.quiet &&
        (!from_env || args.license_data != from_env))
        std::fprintf(stderr,
                     "kaiyuan: warning: --license-data %s not read: it is used only with "
                     "--licenses\n",
                     args.license_data.c_str());
    if (args.licenses) {
        use_license_data(args.license_data, args.out.quiet);
        // A second walk reads every file for its licenses (the catalogers read only theirs).
        auto again = source::open_target(args.target);
        if (!again) throw CommandError{again.error().message};
        license::LicenseScanOptions options;
        options.progress = progress.get();
        auto scan = license::scan_licenses(**again, options);
        if (!scan) throw CommandError{scan.error().message};
        report_diagnostics(scan->diagnostics, args.out.quiet);
        auto stats = license::conclude_licenses(*sbom, *scan);
        if (!args.out.quiet)
            std::fprintf(stderr,
                         "kaiyuan: licenses: %zu files searched; %llu packages with known files, "
                         "%llu with a concluded license\n",
                         scan->files.size(),
                         static_cast<unsigned long long>(stats.packages_with_files),
                         static_cast<unsigned long long>(stats.concluded));
    }
    if (!args.upload.server.empty()) {
        // The server keeps what it receives; CycloneDX JSON carries the most of the model.
        std::string document = format::write(*sbom, format::Format::cyclonedx_json);
        auto token = push_sbom(args.upload, document, args.target);
        if (!token) throw CommandError{token.error().message};
        if (args.upload.wait)
            if (auto done = wait_for_job(args.upload, *token); !done)
                throw CommandError{done.error().message};
        std::printf("%s\n", token->c_str());
        if (args.out.output.empty() || args.out.output == "-") return;
    }
    std::string document = format::write(*sbom, fmt);
    args.out.emit(document);
    if (args.attest.wanted())
        write_output_attestation(args.attest, args.target, document, args.out.output,
                                 predicate_type, args.out.quiet);
}
} // namespace

void register_scan(CLI::App& app) {
    auto args = std::make_shared<ScanArgs>();
    auto* cmd = app.add_subcommand(
        "scan", "SBOM of a directory, root filesystem, archive, container image, .rpm or .deb");
    cmd->add_option("TARGET", args->target, "what to scan")->required();
    cmd->add_option("--catalogers", args->catalogers,
                    "only these catalogers: names or globs, comma-separated (\"npm-*,go-mod\")")
        ->delimiter(',');
    cmd->add_flag("--licenses", args->licenses,
                  "also search every file for licenses and set each package's concluded "
                  "license from the files it owns or its directory holds");
    add_license_data_option(*cmd, args->license_data);
    args->out.add_to(*cmd);
    args->upload.add_to(*cmd, "--upload", false);
    args->attest.add_to(*cmd);
    cmd->callback([args] {
        if (!args->upload.server.empty() && args->upload.project.empty())
            throw CommandError{"--upload needs --project (and usually --project-version)"};
        run_scan(*args);
    });
}

} // namespace kaiyuan::cli
