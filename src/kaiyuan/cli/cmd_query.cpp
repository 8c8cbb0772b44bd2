// kaiyuan query advisory | component: the emergency questions, asked of a server (docs/cli.md).
// A table on a terminal, the server's JSON otherwise; exit 1 when anything is affected, so that a
// script can page someone.
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/push_client.hpp"
#include "kaiyuan/util/text_table.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>

namespace kaiyuan::cli {

namespace {

using nlohmann::json;

struct QueryArgs {
    std::string server;
    std::string subject; ///< an advisory id or a purl
    std::string range;
    std::string tag;
    bool active = false, latest = false;
    OutputOptions out;
};

std::string server_of(const QueryArgs& a) {
    if (!a.server.empty()) return a.server;
    if (const char* env = std::getenv("KAIYUAN_SERVER"); env && *env) return env;
    throw CommandError{"name the server with --server URL or KAIYUAN_SERVER"};
}

json get(const QueryArgs& a, const std::string& path) {
    auto reply = api_get(server_of(a), path);
    if (!reply) throw CommandError{reply.error().message};
    if (reply->status != 200) throw CommandError{refusal_of(reply->status, reply->body)};
    try {
        return json::parse(reply->body);
    } catch (const json::exception& e) {
        throw CommandError{std::string("the server's reply is not JSON: ") + e.what()};
    }
}

std::string text(const json& j) {
    return j.is_string() ? j.get<std::string>() : "";
}

std::string joined(const json& list, const char* sep) {
    std::string out;
    for (const auto& x : list)
        out += (out.empty() ? "" : sep) + text(x);
    return out;
}

/// Prints the table or the JSON; fails (exit 1) when anything was found, saying how much.
void report(const QueryArgs& a, const json& page, util::TextTable table, const std::string& what) {
    bool terminal =
        output_is_terminal(a.out.output) && (a.out.format.empty() || a.out.format == "table");
    if (terminal)
        a.out.emit(util::render(table, util::terminal_width()));
    else
        a.out.emit(page.dump(2) + "\n");
    std::int64_t total = page.value("total", 0);
    if (total > 0)
        throw CommandError{std::to_string(total) + (total == 1 ? " match" : " matches") + " in " +
                               std::to_string(page.value("projects", 0)) + " project versions " +
                               what,
                           k_policy};
    if (!a.out.quiet) std::fprintf(stderr, "nothing %s\n", what.c_str());
}

std::string filters(const QueryArgs& a) {
    std::string q;
    if (a.active) q += "&active=true";
    if (a.latest) q += "&latest=true";
    if (!a.tag.empty()) q += "&tag=" + url_escape(a.tag);
    return q;
}

void query_advisory(const QueryArgs& a) {
    json page = get(a, "/api/v2/advisories/" + url_escape(a.subject) + "/affected?limit=10000" +
                           filters(a));
    util::TextTable t{{"PROJECT", "VERSION", "COMPONENT", "INSTALLED", "FIXED", "VIA", "TRIAGE"},
                      {}};
    for (const auto& f : page["items"]) {
        const json& c = f["component"];
        std::string component = text(c["purl"]).empty() ? text(c["name"]) : text(c["purl"]);
        t.rows.push_back({text(c["project"]["name"]), text(c["project"]["version"]), component,
                          text(f["installedVersion"]), joined(f["fixedVersions"], ", "),
                          f["direct"].get<bool>() ? "direct" : joined(f["dependencyPath"], " > "),
                          text(f["triage"]["state"])});
    }
    report(a, page, t, "affected by " + a.subject);
}

void query_component(const QueryArgs& a) {
    std::string path = "/api/v2/components?limit=1000&purl=" + url_escape(a.subject);
    if (!a.range.empty()) path += "&range=" + url_escape(a.range);
    json page = get(a, path);
    // Components are listed per SBOM; the project versions they are in are counted here.
    std::set<std::string> projects;
    util::TextTable t{{"PROJECT", "VERSION", "COMPONENT", "SOURCE"}, {}};
    for (const auto& c : page["items"]) {
        projects.insert(text(c["project"]["uuid"]));
        t.rows.push_back(
            {text(c["project"]["name"]), text(c["project"]["version"]),
             text(c["purl"]).empty() ? text(c["name"]) + "@" + text(c["version"]) : text(c["purl"]),
             text(c["source"])});
    }
    page["projects"] = projects.size();
    report(a, page, t, "containing " + a.subject + (a.range.empty() ? "" : " " + a.range));
}

} // namespace

void register_query(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "query", "ask a kaiyuan server which project versions an advisory affects or ship a "
                 "package (exit 1 when any)");
    cmd->require_subcommand(1);
    auto args = std::make_shared<QueryArgs>();
    auto common = [&](CLI::App* sub) {
        sub->add_option("--server", args->server,
                        "the server's URL (default $KAIYUAN_SERVER); the key comes from "
                        "KAIYUAN_API_KEY");
        args->out.add_to(*sub, false);
        sub->add_option("-f,--format", args->out.format,
                        "table (default on a terminal) or json (default otherwise)");
    };
    auto* advisory = cmd->add_subcommand(
        "advisory", "every project version an advisory affects: component, installed and fixed "
                    "versions, dependency path, triage");
    advisory->add_option("ID", args->subject, "an advisory id or alias (CVE, GHSA, OSV, openEuler)")
        ->required();
    advisory->add_flag("--active", args->active, "only active project versions");
    advisory->add_flag("--latest", args->latest, "only the latest version of each project");
    advisory->add_option("--tag", args->tag, "only projects with this tag");
    common(advisory);
    advisory->callback([args] { query_advisory(*args); });
    auto* component = cmd->add_subcommand(
        "component", "every project version that ships a package, in a version range even "
                     "with no advisory yet");
    component->add_option("PURL", args->subject, "a purl; without a version: every version")
        ->required();
    component->add_option("--range", args->range,
                          "a vers range, e.g. vers:maven/>=2.0.0|<2.17.1 (with a purl without "
                          "version)");
    common(component);
    component->callback([args] { query_component(*args); });
}

} // namespace kaiyuan::cli
