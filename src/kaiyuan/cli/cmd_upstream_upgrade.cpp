// kaiyuan upstream upgrade PKGDIR: the upgrade prepared as a packager prepares it (docs/cli.md,
// "upstream upgrade"): spec, changelog, new source, patches tried, a commit on a new branch.
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/upstream/check.hpp"
#include "kaiyuan/upstream/upgrade.hpp"
#include "kaiyuan/upstream/upgrade_fixes.hpp"
#include "kaiyuan/util/text_table.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/matcher.hpp"

#include <cstdlib>

namespace kaiyuan::cli {

namespace {

struct UpgradeArgs {
    std::string dir, to, source_url, branch, packager, upstream_info, git_config, db,
        distro_release, dist, format, output;
    std::vector<std::string> registries;
    long timeout = 600;
    bool no_commit = false, quiet = false;
};

std::string to_json(const upstream::UpgradeReport& r) {
    std::string out;
    format::JsonOut j(out);
    j.begin_object().field("name", r.name).field("from", r.from_version).field("to", r.to_version);
    j.field("ok", r.ok()).field_if("failedStep", r.failed_step).field_if("error", r.error);
    j.field_if("spec", r.spec_file).field_if("sourceUrl", r.source_url);
    j.field_if("sourceFile", r.source_file).field_if("sha256", r.sha256);
    if (r.source_bytes) j.field("sourceBytes", static_cast<std::int64_t>(r.source_bytes));
    j.field_if("removedSource", r.removed_source).field_if("checksumFile", r.checksum_file);
    j.key("patches").begin_array();
    for (const auto& p : r.patches)
        j.begin_object()
            .field("tag", p.tag)
            .field("file", p.file)
            .field("fate", std::string(upstream::to_string(p.fate)))
            .end_object();
    j.end_array();
    j.field_if("branch", r.ok() ? r.branch : "").field_if("commit", r.commit);
    j.key("done").begin_array();
    for (const auto& d : r.done)
        j.value(d);
    j.end_array().end_object();
    return out + "\n";
}

std::string to_text(const upstream::UpgradeReport& r) {
    std::string out;
    if (!r.ok()) {
        out += r.name.empty() ? "" : r.name + ": ";
        return out + "not upgraded: " + r.failed_step + ": " + r.error + "\nnothing was changed\n";
    }
    out += r.name + " " + r.from_version + " -> " + r.to_version + "\n";
    for (const auto& d : r.done)
        out += "  " + d + "\n";
    if (!r.patches.empty()) {
        util::TextTable t{{"PATCH", "FILE", "ON " + r.to_version}, {}};
        for (const auto& p : r.patches)
            t.rows.push_back({p.tag, p.file, std::string(upstream::to_string(p.fate))});
        out += "\n" + util::render(t, util::terminal_width());
    }
    return out;
}

void run_upgrade(const UpgradeArgs& a) {
    std::string fmt =
        a.format.empty() ? (output_is_terminal(a.output) ? "table" : "json") : a.format;
    if (fmt != "json" && fmt != "table")
        throw CommandError{"-f: unknown format '" + fmt + "' (table, json)"};
    upstream::UpgradeOptions o;
    o.to_version = a.to;
    o.source_url = a.source_url;
    o.branch = a.branch;
    o.packager = a.packager;
    o.commit = !a.no_commit;
    o.http.timeout_seconds = a.timeout;
    o.http.max_body = 2ull << 30;
    if (const char* token = std::getenv("GITHUB_TOKEN"); token && *token)
        o.http.bearer_token = token;

    std::vector<model::Diagnostic> diagnostics;
    bool need_check = a.to.empty() || !a.db.empty();
    upstream::PackagedSource pkg;
    if (need_check) {
        auto found = upstream::find_packages({a.dir}, a.upstream_info);
        diagnostics = found.diagnostics;
        if (found.packages.size() != 1)
            throw CommandError{a.dir + ": " + std::to_string(found.packages.size()) +
                               " packages found; one package repository is upgraded at a time"};
        pkg = found.packages.front();
    }
    if (a.to.empty()) {
        upstream::CheckOptions options;
        options.rules = upstream::insteadof_rules(a.git_config);
        for (const auto& r : a.registries) {
            auto eq = r.find('=');
            if (eq == std::string::npos)
                throw CommandError{"--registry: '" + r + "' is not KIND=URL"};
            if (auto set = options.registries.set(r.substr(0, eq), r.substr(eq + 1)); !set)
                throw CommandError{"--registry: " + set.error().message};
        }
        auto checked = upstream::check_all({pkg}, options).front();
        if (checked.standing != upstream::Standing::behind)
            throw CommandError{pkg.name + ": nothing to upgrade to (" +
                               std::string(upstream::to_string(checked.standing)) +
                               (checked.error.empty() ? "" : ": " + checked.error) +
                               "); give --to VERSION"};
        o.to_version = checked.newest.version;
    }
    if (!a.db.empty()) {
        auto db = vuln::Database::open(a.db, false);
        if (!db) throw CommandError{db.error().message};
        db->begin_reading();
        vuln::KeyMatcher matcher(*db, nullptr);
        std::string dist = a.dist.empty() ? upstream::openeuler_dist(a.distro_release) : a.dist;
        if (!dist.empty() && !dist.starts_with(".")) dist = "." + dist;
        std::string release = pkg.release;
        if (!release.empty() && release.find(".oe") == std::string::npos) release += dist;
        auto advisories = upstream::advisories_and_fixes(
            matcher, pkg.name, pkg.version + (release.empty() ? "" : "-" + release), o.to_version,
            a.distro_release, diagnostics);
        db->end_reading();
        if (!advisories) throw CommandError{advisories.error().message};
        for (const auto& adv : *advisories) {
            if (adv.fixed_by != upstream::FixedBy::upgrade) continue;
            std::string id = adv.id;
            for (const auto& alias : adv.aliases)
                if (alias.starts_with("CVE-")) id = alias;
            if (std::find(o.fixed.begin(), o.fixed.end(), id) == o.fixed.end())
                o.fixed.push_back(id);
        }
    }
    report_diagnostics(diagnostics, a.quiet);
    auto report = upstream::upgrade_package(a.dir, o);
    OutputOptions out;
    out.output = a.output;
    out.emit(fmt == "json" ? to_json(report) : to_text(report));
    if (!report.ok())
        throw CommandError{"not upgraded (" + report.failed_step + "): " + report.error};
}

} // namespace

void register_upstream_upgrade(CLI::App& upstream_cmd) {
    auto args = std::make_shared<UpgradeArgs>();
    auto* cmd = upstream_cmd.add_subcommand(
        "upgrade", "prepare a package's upgrade: spec, changelog, source, patches, a commit");
    cmd->add_option("PKGDIR", args->dir, "the package repository (src-openeuler layout)")
        ->required();
    cmd->add_option("--to", args->to,
                    "the version to upgrade to (default: the newest upstream release)");
    cmd->add_option("--source-url", args->source_url,
                    "download the release from here instead of the spec's Source0 (%{version} "
                    "is the new version)");
    cmd->add_option("--branch", args->branch, "the new branch (default upgrade/NAME-VERSION)");
    cmd->add_option("--packager", args->packager,
                    "\"Name <email>\" for the changelog and the commit (default git's user)");
    cmd->add_flag("--no-commit", args->no_commit, "change the files, commit nothing");
    cmd->add_option("--upstream-info", args->upstream_info,
                    "openEuler-Advisor's upstream-info directory (without --to)");
    cmd->add_option("--git-config", args->git_config,
                    "read url.<base>.insteadOf from this file (without --to)");
    cmd->add_option("--registry", args->registries, "KIND=URL, as for upstream check");
    cmd->add_option("--db", args->db,
                    "advisory database: the CVEs the upgrade fixes go into the changelog");
    cmd->add_option("--distro-release", args->distro_release,
                    "the openEuler release advisories must name");
    cmd->add_option("--dist", args->dist, "the dist tag the Release is built with");
    cmd->add_option("--timeout", args->timeout, "seconds the download may take (default 600)");
    cmd->add_option("-f,--format", args->format,
                    "table or json (default: table on a terminal, json otherwise)");
    cmd->add_option("-o,--output", args->output, "write to FILE instead of stdout");
    cmd->add_flag("-q,--quiet", args->quiet, "no diagnostics on stderr");
    cmd->callback([args] { run_upgrade(*args); });
}

} // namespace kaiyuan::cli
