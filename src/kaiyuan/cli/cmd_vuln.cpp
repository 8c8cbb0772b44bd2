// kaiyuan vuln TARGET: which advisories affect what TARGET ships (docs/cli.md).
#include "kaiyuan/catalog/engine/engine.hpp"
#include "kaiyuan/catalog/engine/registry.hpp"
#include "kaiyuan/cli/attest_output.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/targets.hpp"
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/source/open_target.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/glob.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/report.hpp"
#include "kaiyuan/vuln/severity.hpp"
#include "kaiyuan/vuln/vex.hpp"

#include <filesystem>
#include <optional>
#include <unistd.h>

namespace kaiyuan::cli {

namespace {

struct VulnArgs {
    std::string target, db, format, output, fail_on;
    std::vector<std::string> vex;
    bool quiet = false;
    bool fail_on_unchecked = false;
    bool match_os_owned = false;
    AttestOptions attest;
};

/// The predicate of a vulnerability report: OpenVEX and CycloneDX as they are; kaiyuan's JSON
/// report inside cosign's vulnerability predicate (scanner, database, result, scan times).
std::pair<std::string, std::string>
report_predicate(vuln::ReportFormat fmt, const std::string& report, const std::string& database,
                 const std::string& started, const std::string& finished) {
    switch (fmt) {
    case vuln::ReportFormat::openvex:
        return {"openvex", report};
    case vuln::ReportFormat::cyclonedx_json:
        return {"cyclonedx", report};
    case vuln::ReportFormat::json: {
        std::string out;
        format::JsonOut json(out);
        json.begin_object();
        json.key("scanner").begin_object();
        json.field("uri", "pkg:generic/kaiyuan@" + std::string(format::k_tool_version));
        json.field("version", format::k_tool_version);
        json.key("db").begin_object().field("uri", database).end_object();
        json.key("result").raw(report);
        json.end_object();
        json.key("metadata").begin_object();
        json.field("scanStartedOn", started);
        json.field("scanFinishedOn", finished);
        json.end_object();
        json.end_object();
        return {"vuln", out};
    }
    default:
        throw CommandError{"--attest signs a JSON report: give -f json, openvex or cyclonedx-json"};
    }
}

/// The git directories of the checkouts a directory scan found, for GIT ranges.
std::vector<std::string> git_dirs_of(const model::Sbom& sbom, const std::string& target) {
    std::vector<std::string> dirs;
    std::error_code ec;
    if (!std::filesystem::is_directory(target, ec)) return dirs;
    for (const auto& c : sbom.components) {
        if (!c.properties.count(model::k_commit_property) || c.locations.empty()) continue;
        const std::string& head = c.locations.front().path; // ".../.git/HEAD"
        if (head.ends_with("HEAD")) dirs.push_back(target + "/" + head.substr(0, head.size() - 4));
    }
    return dirs;
}

void run_vuln(const VulnArgs& args) {
    vuln::ReportFormat fmt = vuln::ReportFormat::json;
    if (args.format.empty()) {
        fmt =
            output_is_terminal(args.output) ? vuln::ReportFormat::table : vuln::ReportFormat::json;
    } else {
        auto f = vuln::parse_report_format(args.format);
        if (!f) throw CommandError{f.error().message};
        fmt = *f;
    }
    int fail_rank = -2; // no gate
    if (!args.fail_on.empty()) {
        fail_rank = vuln::severity_rank(args.fail_on);
        // "unknown" and "any" take every finding, rated or not.
        if (args.fail_on == "unknown" || args.fail_on == "any")
            fail_rank = -1;
        else if (fail_rank < 0)
            throw CommandError{"--fail-on: '" + args.fail_on +
                               "' is not one of any, low, medium, high, critical, unknown"};
    }
    if (args.attest.wanted()) {
        if (fmt == vuln::ReportFormat::table || fmt == vuln::ReportFormat::sarif)
            throw CommandError{
                "--attest signs a JSON report: give -f json, openvex or cyclonedx-json"};
        (void)args.attest.destination(args.output);
    }
    const std::string started = format::now_rfc3339();
    std::string path = args.db.empty() ? vuln::default_database_path() : args.db;
    auto db = vuln::Database::open(path, false);
    if (!db) throw CommandError{db.error().message};
    model::Sbom sbom = sbom_of(args.target, args.quiet);
    vuln::GitRepositories history(git_dirs_of(sbom, args.target));
    for (const auto& problem : history.problems())
        if (!args.quiet) std::fprintf(stderr, "kaiyuan: warning: %s\n", problem.c_str());
    auto result = vuln::match(sbom, *db, vuln::MatchOptions{&history, args.match_os_owned});
    if (!result) throw CommandError{result.error().message};
    for (const auto& file : args.vex) {
        auto statements = vuln::read_vex_file(file);
        if (!statements) throw CommandError{statements.error().message};
        std::size_t applied = vuln::apply_vex(*statements, sbom, *result);
        if (!args.quiet)
            std::fprintf(stderr, "kaiyuan: %s: %zu statements, %zu findings updated\n",
                         file.c_str(), statements->size(), applied);
    }
    report_diagnostics(result->diagnostics, args.quiet);
    vuln::Report report{sbom, *result, db->path(), format::now_rfc3339()};
    OutputOptions out;
    out.output = args.output;
    std::string document = vuln::write_report(report, fmt);
    out.emit(document);
    if (args.attest.wanted()) {
        auto [type, predicate] =
            report_predicate(fmt, document, db->path(), started, report.created);
        write_output_attestation(args.attest, args.target, predicate, args.output, type,
                                 args.quiet);
    }
    if (!args.quiet && result->components_unchecked) {
        std::string list;
        for (const auto& [ecosystem, n] : result->unchecked_ecosystems)
            list += (list.empty() ? "" : ", ") + ecosystem + " (" + std::to_string(n) + ")";
        std::fprintf(stderr,
                     "kaiyuan: warning: %llu components not checked: the database has no "
                     "advisories for %s\n",
                     static_cast<unsigned long long>(result->components_unchecked), list.c_str());
    }
    if (fail_rank > -2) {
        for (const auto& f : result->findings) {
            if (vuln::status_of(f) != "affected" && vuln::status_of(f) != "under_investigation")
                continue;
            if (vuln::severity_rank(vuln::severity_of(*f.advisory)) >= fail_rank)
                throw CommandError{"a finding at or above " + args.fail_on + " remains (" +
                                       f.advisory->id + " in " + sbom.components[f.component].name +
                                       ")",
                                   k_policy};
        }
    }
    if (args.fail_on_unchecked) {
        if (result->components_unchecked)
            throw CommandError{std::to_string(result->components_unchecked) +
                                   " components were not checked: the database has no advisories "
                                   "for " +
                                   result->unchecked_ecosystems.begin()->first +
                                   (result->unchecked_ecosystems.size() > 1 ? " and others" : ""),
                               k_policy};
        if (!result->undecided.empty())
            throw CommandError{
                std::to_string(result->undecided.size()) +
                    " matches were not decided (first: " + result->undecided.front().advisory +
                    " in " + sbom.components[result->undecided.front().component].name + ")",
                k_policy};
    }
}

} // namespace

void register_vuln(CLI::App& app) {
    auto args = std::make_shared<VulnArgs>();
    auto* cmd = app.add_subcommand(
        "vuln", "known vulnerabilities of what TARGET ships (anything scan reads, or an SBOM)");
    cmd->add_option("TARGET", args->target, "directory, archive, image, lockfile or SBOM")
        ->required();
    cmd->add_option("--db", args->db,
                    "advisory database (default: $KAIYUAN_DB, else the user's cache directory)");
    cmd->add_option("-f,--format", args->format,
                    "table, json, cyclonedx-json, sarif, openvex (default: table on a terminal, "
                    "json otherwise)");
    cmd->add_option("-o,--output", args->output, "write to FILE instead of stdout");
    cmd->add_option("--vex", args->vex,
                    "OpenVEX or CycloneDX VEX document: statements that mark findings not "
                    "affected, fixed or under investigation (repeatable)");
    cmd->add_option("--fail-on", args->fail_on,
                    "exit 1 when an affected finding of this severity or higher remains: low, "
                    "medium, high, critical (these never include findings of unknown severity), "
                    "or any (every finding, rated or not; also spelled unknown)");
    cmd->add_flag("--match-os-owned", args->match_os_owned,
                  "also match language packages an OS package installed (python3-* modules, "
                  "packaged binaries) as language packages; by default they are matched through "
                  "that OS package, whose advisories account for backported fixes");
    cmd->add_flag("--fail-on-unchecked", args->fail_on_unchecked,
                  "exit 1 when components were not checked (the database has no advisories for "
                  "their ecosystem or release) or a match could not be decided");
    cmd->add_flag("-q,--quiet", args->quiet, "no progress or diagnostics on stderr");
    args->attest.add_to(*cmd);
    cmd->callback([args] { run_vuln(*args); });
}

} // namespace kaiyuan::cli
