// kaiyuan license TARGET: the licenses and copyrights of every file (docs/cli.md).
#include "kaiyuan/catalog/engine/engine.hpp"
#include "kaiyuan/catalog/engine/registry.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/license/package_licenses.hpp"
#include "kaiyuan/license/policy.hpp"
#include "kaiyuan/license/report.hpp"
#include "kaiyuan/source/open_target.hpp"
#include "kaiyuan/util/strings.hpp"

#include <optional>

namespace kaiyuan::cli {

namespace {

struct LicenseArgs {
    std::string target, format, output, policy, license_data;
    std::string skip_dirs = license::k_vcs_dirs;
    unsigned threads = 0;
    std::uint64_t max_file_mb = 64;
    bool quiet = false;
};

/// Every tag, text, notice and exception that the policy does not accept. Clues are too weak to
/// judge, and tags that do not parse are diagnostics, not licenses.
std::vector<license::PolicyViolation> policy_violations(const license::LicenseScan& scan,
                                                        const license::Policy& policy) {
    std::vector<license::PolicyViolation> out;
    for (const auto& f : scan.files)
        for (const auto& m : f.licenses) {
            if (!m.is_statement()) continue;
            auto e = model::LicenseExpression::parse(m.expression);
            if (!e) continue;
            auto verdict = license::evaluate(policy, *e);
            if (!verdict.accepted)
                out.push_back({f.path, m.start_line, m.expression, std::move(verdict.reasons)});
        }
    return out;
}

/// The packages of the target (as `scan` finds them) with the licenses of the files each owns
/// or whose directory holds them.
std::vector<license::PackageLicenses> packages_of(const std::string& target,
                                                  const license::LicenseScan& scan) {
    auto tree = source::open_target(target);
    if (!tree) return {};
    auto sbom = catalog::scan(**tree, catalog::all_catalogers());
    if (!sbom) return {};
    license::conclude_licenses(*sbom, scan);
    std::vector<license::PackageLicenses> out;
    for (const auto& c : sbom->components) {
        auto files = c.properties.find("kaiyuan:license:files");
        if (files == c.properties.end()) continue;
        out.push_back({c.name, c.version, c.purl, c.license_declared, c.license_concluded,
                       std::stoull(files->second)});
    }
    return out;
}

void run_license(const LicenseArgs& args) {
    license::LicenseReportFormat fmt = license::LicenseReportFormat::json;
    if (args.format.empty()) {
        fmt = output_is_terminal(args.output) ? license::LicenseReportFormat::table
                                              : license::LicenseReportFormat::json;
    } else {
        auto f = license::parse_license_report_format(args.format);
        if (!f) throw CommandError{f.error().message};
        fmt = *f;
    }
    std::optional<license::Policy> policy = read_policy_option(args.policy);
    use_license_data(args.license_data, args.quiet);
    source::WalkLimits limits;
    limits.max_file_bytes = args.max_file_mb << 20;
    auto tree = source::open_target(args.target, limits);
    if (!tree) throw CommandError{tree.error().message};
    auto progress = make_progress(args.quiet);
    license::LicenseScanOptions options;
    options.threads = args.threads;
    options.progress = progress.get();
    options.skip_dirs.clear();
    for (auto dir : util::split(args.skip_dirs, ','))
        if (!util::trim(dir).empty()) options.skip_dirs.emplace_back(util::trim(dir));
    auto scan = license::scan_licenses(**tree, options);
    if (!scan) throw CommandError{scan.error().message};
    report_diagnostics(scan->diagnostics, args.quiet);
    license::LicenseReport report{*scan, args.target, format::now_rfc3339()};
    report.packages = packages_of(args.target, *scan);
    if (policy) report.violations = policy_violations(*scan, *policy);
    OutputOptions out;
    out.output = args.output;
    out.emit(license::write_license_report(report, fmt));
    if (report.violations.empty()) return;
    if (!args.quiet)
        for (const auto& v : report.violations)
            std::fprintf(stderr, "kaiyuan: policy: %s:%u: %s: %s\n", v.path.c_str(), v.line,
                         v.expression.c_str(), util::join(v.reasons, "; ").c_str());
    throw CommandError{std::to_string(report.violations.size()) +
                           " license findings break the policy " + args.policy,
                       k_policy};
}

} // namespace

void register_license(CLI::App& app) {
    auto args = std::make_shared<LicenseArgs>();
    auto* cmd = app.add_subcommand(
        "license", "licenses and copyrights of every file of TARGET (directory, archive, image)");
    cmd->add_option("TARGET", args->target, "directory, archive or image")->required();
    cmd->add_option(
        "-f,--format", args->format,
        "table, json, spdx-json or notice (default: table on a terminal, json otherwise)");
    cmd->add_option("-o,--output", args->output, "write to FILE instead of stdout");
    cmd->add_option("--policy", args->policy,
                    "policy file (allow, deny, allow-categories, deny-categories): exit 1 and "
                    "name each file and license it does not accept");
    cmd->add_option("-j,--threads", args->threads, "worker threads (default: every core)");
    cmd->add_option("--max-file-mb", args->max_file_mb,
                    "files larger than this are named and skipped (default 64)");
    add_license_data_option(*cmd, args->license_data);
    cmd->add_option("--skip-dirs", args->skip_dirs,
                    "directory names whose files are not read, comma-separated (default: version "
                    "control metadata, " +
                        std::string(license::k_vcs_dirs) + "; '' reads all)");
    cmd->add_flag("-q,--quiet", args->quiet, "no progress or diagnostics on stderr");
    cmd->callback([args] { run_license(*args); });
}

} // namespace kaiyuan::cli
