// kaiyuan upstream check TARGET...: which packages are behind their upstreams, how far, and,
// with an advisory database, which advisories the packaged version has that the upgrade fixes
// (docs/cli.md, "upstream check").
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/targets.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/upstream/check.hpp"
#include "kaiyuan/upstream/components.hpp"
#include "kaiyuan/upstream/upgrade_fixes.hpp"
#include "kaiyuan/util/text_table.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/matcher.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace kaiyuan::cli {

namespace {

struct CheckArgs {
    std::vector<std::string> targets;
    std::string upstream_info, db, distro_release, dist, git_config, fail_on, format, output;
    std::vector<std::string> registries, components;
    std::string cache;
    bool no_cache = false;
    long timeout = 60;
    unsigned jobs = 16;
    bool quiet = false;
};

struct Row {
    upstream::CheckedPackage p;
    std::vector<upstream::AdvisoryAndFix> advisories;
    std::size_t fixed_by_upgrade() const {
        std::size_t n = 0;
        for (const auto& a : advisories)
            n += a.fixed_by == upstream::FixedBy::upgrade;
        return n;
    }
};

struct Totals {
    std::size_t behind = 0, current = 0, ahead = 0, unknown = 0, no_releases = 0, unchecked = 0;
    std::size_t advisories = 0, fixed_by_upgrade = 0, behind_with_fixes = 0;
    double libyears = 0;
    std::size_t libyears_known = 0;
};

Totals totals_of(const std::vector<Row>& rows) {
    Totals t;
    for (const auto& r : rows) {
        switch (r.p.standing) {
        case upstream::Standing::behind:
            ++t.behind;
            break;
        case upstream::Standing::current:
            ++t.current;
            break;
        case upstream::Standing::ahead:
            ++t.ahead;
            break;
        case upstream::Standing::unknown:
            ++t.unknown;
            break;
        case upstream::Standing::no_releases:
            ++t.no_releases;
            break;
        case upstream::Standing::unchecked:
            ++t.unchecked;
            break;
        }
        t.advisories += r.advisories.size();
        t.fixed_by_upgrade += r.fixed_by_upgrade();
        if (r.fixed_by_upgrade()) ++t.behind_with_fixes;
        if (r.p.days_behind) {
            t.libyears += static_cast<double>(*r.p.days_behind) / 365.25;
            ++t.libyears_known;
        }
    }
    return t;
}

std::string packaged_evr(const upstream::CheckedPackage& p, const std::string& dist = "") {
    if (p.release.empty()) return p.packaged;
    bool has_dist = p.release.find(".oe") != std::string::npos;
    return p.packaged + "-" + p.release + (has_dist ? "" : dist);
}

std::string ids(const std::vector<upstream::AdvisoryAndFix>& advisories, upstream::FixedBy by) {
    std::string out;
    for (const auto& a : advisories)
        if (a.fixed_by == by) {
            std::string name = a.id;
            for (const auto& alias : a.aliases)
                if (alias.starts_with("CVE-")) name = alias;
            out += (out.empty() ? "" : " ") + name;
        }
    return out;
}

std::string to_json(const std::vector<Row>& rows, const Totals& t, bool with_db,
                    std::size_t diagnostics) {
    std::string out;
    format::JsonOut j(out);
    j.begin_object();
    j.key("summary").begin_object();
    j.field("packages", static_cast<std::int64_t>(rows.size()));
    j.field("behind", static_cast<std::int64_t>(t.behind));
    j.field("current", static_cast<std::int64_t>(t.current));
    j.field("ahead", static_cast<std::int64_t>(t.ahead));
    j.field("packagedVersionUnknown", static_cast<std::int64_t>(t.unknown));
    j.field("noReleases", static_cast<std::int64_t>(t.no_releases));
    j.field("unchecked", static_cast<std::int64_t>(t.unchecked));
    j.field("libyears", t.libyears);
    j.field("libyearsKnownFor", static_cast<std::int64_t>(t.libyears_known));
    if (with_db) {
        j.field("advisories", static_cast<std::int64_t>(t.advisories));
        j.field("fixedByUpgrade", static_cast<std::int64_t>(t.fixed_by_upgrade));
        j.field("behindWithFixingUpgrade", static_cast<std::int64_t>(t.behind_with_fixes));
    }
    j.field("diagnostics", static_cast<std::int64_t>(diagnostics));
    j.end_object();
    j.key("packages").begin_array();
    for (const auto& r : rows) {
        const auto& p = r.p;
        j.begin_object().field("name", p.name);
        j.field_if("packaged", p.packaged).field_if("release", p.release);
        j.field_if("spec", p.spec_file).field_if("upstreamFile", p.upstream_file);
        j.field_if("versionControl", p.kind).field_if("address", p.address);
        j.field("standing", std::string(upstream::to_string(p.standing)));
        j.field_if("error", p.error);
        j.field("tags", static_cast<std::int64_t>(p.tags));
        j.field("releases", static_cast<std::int64_t>(p.releases));
        if (!p.newest.version.empty()) {
            j.key("newest").begin_object().field("version", p.newest.version);
            j.field("tag", p.newest.tag).field_if("date", p.newest.date).end_object();
        }
        j.field_if("newestInSeries", p.newest_in_series);
        j.field_if("newestByGenericOrder", p.newest_by_generic_order);
        j.field_if("packagedReleaseDate", p.packaged_date);
        if (!p.packaged.empty() && !p.newest.version.empty()) {
            j.field("releasesBehind", static_cast<std::int64_t>(p.newer.size()));
            j.key("newer").begin_array();
            for (const auto& n : p.newer)
                j.value(n.version);
            j.end_array();
        }
        if (p.days_behind) j.field("daysBehind", static_cast<std::int64_t>(*p.days_behind));
        if (with_db) {
            j.key("advisories").begin_array();
            for (const auto& a : r.advisories) {
                j.begin_object().field("id", a.id);
                j.key("aliases").begin_array();
                for (const auto& alias : a.aliases)
                    j.value(alias);
                j.end_array();
                j.field("severity", a.severity).field("ecosystem", a.ecosystem);
                j.key("fixed").begin_array();
                for (const auto& f : a.fixed)
                    j.value(f);
                j.end_array();
                j.field("fixedBy", std::string(upstream::to_string(a.fixed_by)));
                j.end_object();
            }
            j.end_array();
        }
        j.end_object();
    }
    j.end_array().end_object();
    return out + "\n";
}

std::string summary_line(const std::vector<Row>& rows, const Totals& t, bool with_db) {
    char libyears[32];
    std::snprintf(libyears, sizeof libyears, "%.1f", t.libyears);
    std::string s = std::to_string(rows.size()) + " packages: " + std::to_string(t.behind) +
                    " behind, " + std::to_string(t.current) + " current, " +
                    std::to_string(t.ahead) + " ahead, " + std::to_string(t.unchecked) +
                    " could not be checked";
    if (t.unknown) s += ", " + std::to_string(t.unknown) + " without a packaged version";
    if (t.no_releases) s += ", " + std::to_string(t.no_releases) + " without releases";
    if (t.libyears_known)
        s += "; " + std::string(libyears) + " libyears over the " +
             std::to_string(t.libyears_known) + " with dated releases";
    if (with_db)
        s += "; " + std::to_string(t.fixed_by_upgrade) + " of " + std::to_string(t.advisories) +
             " advisories fixed by upgrading " + std::to_string(t.behind_with_fixes) +
             " package(s)";
    return s + "\n";
}

util::TextTable table_of(const std::vector<Row>& rows, bool with_db) {
    util::TextTable t{{"PACKAGE", "PACKAGED", "NEWEST", "IN SERIES", "BEHIND", "STANDING"}, {}};
    if (with_db) t.headers.push_back("FIXED BY UPGRADE");
    t.headers.push_back("NOTE");
    for (const auto& r : rows) {
        const auto& p = r.p;
        std::string behind = p.packaged.empty() || p.newest.version.empty()
                                 ? ""
                                 : std::to_string(p.newer.size()) + " releases";
        if (p.days_behind) behind += ", " + std::to_string(*p.days_behind) + " days";
        std::string note = p.error;
        if (!p.newest_by_generic_order.empty())
            note = "by libversion's order: " + p.newest_by_generic_order;
        std::vector<std::string> row{
            p.name,           packaged_evr(p),
            p.newest.version, p.newest_in_series == p.newest.version ? "" : p.newest_in_series,
            behind,           std::string(upstream::to_string(p.standing))};
        if (with_db) row.push_back(ids(r.advisories, upstream::FixedBy::upgrade));
        row.push_back(note);
        t.rows.push_back(std::move(row));
    }
    return t;
}

/// Where registry answers are kept between runs: $XDG_CACHE_HOME/kaiyuan/upstream, else
/// ~/.cache/kaiyuan/upstream; "" (nothing kept) when neither is known.
std::string default_cache_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::string(xdg) + "/kaiyuan/upstream";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.cache/kaiyuan/upstream";
    return {};
}

void run_check(const CheckArgs& a) {
    std::string fmt =
        a.format.empty() ? (output_is_terminal(a.output) ? "table" : "json") : a.format;
    if (fmt == "md") fmt = "markdown";
    if (fmt != "json" && fmt != "table" && fmt != "markdown")
        throw CommandError{"-f: unknown format '" + fmt + "' (table, json, markdown)"};
    if (!a.fail_on.empty() && a.fail_on != "fixes" && a.fail_on != "behind")
        throw CommandError{"--fail-on: '" + a.fail_on + "' is not one of fixes, behind"};
    if (a.fail_on == "fixes" && a.db.empty())
        throw CommandError{"--fail-on fixes needs --db: fixes are known from advisories"};
    if (a.jobs == 0) throw CommandError{"--jobs: at least 1"};
    std::string dist = a.dist.empty() ? upstream::openeuler_dist(a.distro_release) : a.dist;
    if (!dist.empty() && !dist.starts_with(".")) dist = "." + dist;

    std::optional<vuln::Database> db;
    if (!a.db.empty()) {
        auto opened = vuln::Database::open(a.db, false);
        if (!opened) throw CommandError{opened.error().message};
        db = std::move(*opened);
    }
    if (a.targets.empty() && a.components.empty())
        throw CommandError{"nothing to check: give package directories, spec files, upstream "
                           "descriptions or --components TARGET"};
    auto found = upstream::find_packages(a.targets, a.upstream_info);
    for (const auto& target : a.components)
        upstream::add_components(found, sbom_of(target, a.quiet), target);
    upstream::CheckOptions options;
    options.jobs = a.jobs;
    options.rules = upstream::insteadof_rules(a.git_config);
    for (const auto& r : a.registries) {
        auto eq = r.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == r.size())
            throw CommandError{"--registry: '" + r + "' is not KIND=URL"};
        if (auto set = options.registries.set(r.substr(0, eq), r.substr(eq + 1)); !set)
            throw CommandError{"--registry: " + set.error().message};
    }
    if (a.timeout <= 0) throw CommandError{"--timeout: at least 1 second"};
    options.http.timeout_seconds = a.timeout;
    options.http.in_flight = std::max(a.jobs, 32u);
    options.http.cache_dir = a.no_cache ? "" : a.cache.empty() ? default_cache_dir() : a.cache;
    if (const char* token = std::getenv("GITHUB_TOKEN"); token && *token)
        options.http.bearer_token = token;
    auto progress = make_progress(a.quiet);
    options.progress = progress.get();
    auto checked = upstream::check_all(found.packages, options);

    std::vector<Row> rows;
    rows.reserve(checked.size());
    std::unique_ptr<vuln::KeyMatcher> matcher;
    if (db) {
        db->begin_reading();
        matcher = std::make_unique<vuln::KeyMatcher>(*db, nullptr);
    }
    for (auto& p : checked) {
        Row r{std::move(p), {}};
        if (matcher && !r.p.packaged.empty()) {
            std::string upgrade =
                r.p.standing == upstream::Standing::behind ? r.p.newest.version : "";
            auto advisories =
                upstream::advisories_and_fixes(*matcher, r.p.name, packaged_evr(r.p, dist), upgrade,
                                               a.distro_release, found.diagnostics);
            if (!advisories) throw CommandError{advisories.error().message};
            r.advisories = std::move(*advisories);
        }
        if (r.p.standing == upstream::Standing::unchecked) {
            model::Diagnostic d;
            d.location.path = r.p.spec_file.empty() ? r.p.upstream_file : r.p.spec_file;
            d.message = r.p.name + ": not checked: " + r.p.error;
            found.diagnostics.push_back(std::move(d));
        }
        rows.push_back(std::move(r));
    }
    if (db) db->end_reading();
    report_diagnostics(found.diagnostics, a.quiet);

    Totals totals = totals_of(rows);
    bool with_db = db.has_value();
    std::string out;
    if (fmt == "json")
        out = to_json(rows, totals, with_db, found.diagnostics.size());
    else if (fmt == "markdown")
        out = summary_line(rows, totals, with_db) + "\n" +
              util::render_markdown(table_of(rows, with_db));
    else
        out = summary_line(rows, totals, with_db) +
              util::render(table_of(rows, with_db), util::terminal_width());
    OutputOptions o;
    o.output = a.output;
    o.emit(out);
    if (found.unreadable)
        throw CommandError{std::to_string(found.unreadable) +
                           " target(s) or file(s) could not be read"};
    if (a.fail_on == "fixes" && totals.behind_with_fixes)
        throw CommandError{std::to_string(totals.behind_with_fixes) +
                               " package(s) behind with an upgrade that fixes advisories",
                           k_policy};
    if (a.fail_on == "behind" && totals.behind)
        throw CommandError{std::to_string(totals.behind) + " package(s) behind upstream", k_policy};
}

} // namespace

void register_upstream_check(CLI::App& upstream_cmd) {
    auto args = std::make_shared<CheckArgs>();
    auto* cmd = upstream_cmd.add_subcommand(
        "check", "which packages are behind upstream, and which advisories upgrading fixes");
    cmd->add_option("TARGET", args->targets,
                    "package repositories (src-openeuler layout), spec files, directories of "
                    "them, upstream-info YAML files and directories, or nvchecker TOML files");
    cmd->add_option("--components", args->components,
                    "an SBOM or anything scan reads: each component's registry is its upstream "
                    "(PyPI, npm, crates.io, RubyGems, Maven Central, Go proxy, Packagist, NuGet, "
                    "MetaCPAN)");
    cmd->add_option("--upstream-info", args->upstream_info,
                    "openEuler-Advisor's upstream-info directory, for packages whose repository "
                    "holds no <name>.yaml");
    cmd->add_option("--db", args->db,
                    "advisory database (kaiyuan db): the advisories the packaged versions have "
                    "and which the upgrade fixes");
    cmd->add_option("--distro-release", args->distro_release,
                    "the openEuler release advisories must name (22.03-LTS-SP1); default every "
                    "release");
    cmd->add_option("--dist", args->dist,
                    "the dist tag the Release is built with (.oe2203sp1); default from "
                    "--distro-release");
    cmd->add_option("--git-config", args->git_config,
                    "read url.<base>.insteadOf from this file instead of git's configuration");
    cmd->add_option("--jobs", args->jobs,
                    "git upstreams read at once (default 16); registries are asked with at "
                    "least 32 requests in flight");
    cmd->add_option("--registry", args->registries,
                    "KIND=URL: ask this registry instead (a mirror): pypi, rubygem, metacpan, npm, "
                    "cratesio, maven, go, packagist, nuget, gnu-ftp");
    cmd->add_option("--cache", args->cache,
                    "keep registry answers here and ask again with their ETag (default "
                    "~/.cache/kaiyuan/upstream)");
    cmd->add_flag("--no-cache", args->no_cache, "keep no registry answers");
    cmd->add_option("--timeout", args->timeout,
                    "seconds one registry request may take (default 60)");
    cmd->add_option("--fail-on", args->fail_on,
                    "exit 1 when a package is behind with an upgrade that fixes advisories "
                    "(fixes) or at all (behind)");
    cmd->add_option("-f,--format", args->format,
                    "table, json or markdown (default: table on a terminal, json otherwise)");
    cmd->add_option("-o,--output", args->output, "write to FILE instead of stdout");
    cmd->add_flag("-q,--quiet", args->quiet, "no diagnostics or progress on stderr");
    cmd->callback([args] { run_check(*args); });
}

} // namespace kaiyuan::cli
