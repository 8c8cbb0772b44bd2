#include "kaiyuan/upstream/nvchecker.hpp"

#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/json_read.hpp"

#include <re2/re2.h>
#include <toml++/toml.h>

#include <filesystem>
#include <map>

namespace kaiyuan::upstream {
namespace {

using namespace std::string_view_literals;

struct Source {
    std::string_view name; ///< nvchecker's `source`
    UpstreamKind kind;
    std::string_view ecosystem; ///< the OSV ecosystem whose version order applies
};
constexpr Source sources[] = {
    {"github", UpstreamKind::github, ""},
    {"gitlab", UpstreamKind::git, ""},
    {"gitea", UpstreamKind::git, ""},
    {"git", UpstreamKind::git, ""},
    {"pypi", UpstreamKind::pypi, "PyPI"},
    {"npm", UpstreamKind::npm, "npm"},
    {"cratesio", UpstreamKind::cratesio, "crates.io"},
    {"gems", UpstreamKind::rubygem, "RubyGems"},
    {"cpan", UpstreamKind::metacpan, ""},
    {"packagist", UpstreamKind::packagist, "Packagist"},
    {"go", UpstreamKind::go, "Go"},
    {"regex", UpstreamKind::regex, ""},
};

/// Keys nvchecker reads that change nothing kaiyuan reports, or that it reads itself.
bool understood(std::string_view key) {
    for (std::string_view k : {"source",
                               "prefix",
                               "from_pattern",
                               "to_pattern",
                               "include_regex",
                               "exclude_regex",
                               "use_max_tag",
                               "host",
                               "url",
                               "regex",
                               "github",
                               "gitlab",
                               "gitea",
                               "git",
                               "pypi",
                               "npm",
                               "cratesio",
                               "gems",
                               "cpan",
                               "packagist",
                               "go",
                               "use_latest_release",
                               "use_latest_tag",
                               "user_agent",
                               "proxy",
                               "tries",
                               "httptoken",
                               "token",
                               "missing_ok",
                               "verify_cert",
                               "encoding"})
        if (key == k) return true;
    return false;
}

std::uint32_t line_of(const toml::node& n) {
    return static_cast<std::uint32_t>(n.source().begin.line);
}

} // namespace

Result<std::vector<std::pair<std::string, std::string>>>
read_nvchecker_versions(std::string_view text) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc) return unexpected(doc.error());
    simdjson::dom::object top;
    if (doc->get(top)) return fail("not an object of versions");
    std::vector<std::pair<std::string, std::string>> out;
    std::int64_t form = 0;
    simdjson::dom::object data;
    if (!top["version"].get(form) && form == 2 && !top["data"].get(data)) {
        for (auto [name, entry] : data) {
            std::string v = util::json_string(entry, "version");
            if (!v.empty()) out.emplace_back(std::string(name), std::move(v));
        }
        return out;
    }
    for (auto [name, value] : top) { // the flat form before nvchecker 2.0
        std::string_view v;
        if (!value.get(v)) out.emplace_back(std::string(name), std::string(v));
    }
    return out;
}

Result<std::vector<PackagedSource>> read_nvchecker(std::string_view text, const std::string& file,
                                                   std::vector<model::Diagnostic>& diagnostics) {
    toml::table doc;
    try {
        doc = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        return fail(file + ":" + std::to_string(e.source().begin.line) + ": not valid TOML (" +
                    std::string(e.description()) + ")");
    }
    auto say = [&](model::Severity severity, std::uint32_t line, std::string message) {
        model::Diagnostic d;
        d.severity = severity;
        d.location.path = file;
        d.location.line = line;
        d.message = std::move(message);
        diagnostics.push_back(std::move(d));
    };

    std::map<std::string, std::string> packaged;
    if (const toml::table* config = doc["__config__"].as_table())
        if (auto oldver = (*config)["oldver"].value<std::string>()) {
            std::filesystem::path p(*oldver);
            if (p.is_relative()) p = std::filesystem::path(file).parent_path() / p;
            auto body = util::read_file(p.string(), 64ull << 20);
            auto versions = body ? read_nvchecker_versions(*body)
                                 : Result<std::vector<std::pair<std::string, std::string>>>(
                                       unexpected(body.error()));
            if (!versions)
                say(model::Severity::warning, line_of(*config),
                    "oldver " + p.string() + ": " + versions.error().message +
                        "; no packaged versions known");
            else
                for (auto& [name, v] : *versions)
                    packaged.emplace(std::move(name), std::move(v));
        }

    std::vector<PackagedSource> out;
    for (const auto& [key, node] : doc) {
        std::string name(key.str());
        if (name == "__config__") continue;
        const toml::table* t = node.as_table();
        if (!t) {
            say(model::Severity::warning, line_of(node),
                name + ": not a table of settings; left out");
            continue;
        }
        auto str = [&](std::string_view k) { return (*t)[k].value_or(""sv); };
        std::string_view source = str("source");
        const Source* s = nullptr;
        for (const auto& candidate : sources)
            if (candidate.name == source) s = &candidate;
        PackagedSource pkg;
        pkg.name = name;
        pkg.upstream_file = file;
        if (auto v = packaged.find(name); v != packaged.end()) pkg.version = v->second;
        UpstreamDescription d;
        d.package = name;
        d.file = file;
        d.kind_as_written = std::string(source);
        if (!s) {
            say(model::Severity::warning, line_of(*t),
                "[" + name + "]: source '" + std::string(source) +
                    "' is not read by kaiyuan (github, gitlab, gitea, git, pypi, npm, cratesio, "
                    "gems, cpan, packagist, go, regex)");
            pkg.upstream = std::move(d); // kind none: said unchecked for this package
            out.push_back(std::move(pkg));
            continue;
        }
        d.kind = s->kind;
        pkg.ecosystem = std::string(s->ecosystem);
        std::string where(str(source));
        if (source == "gitlab" || source == "gitea") {
            std::string host(str("host"));
            if (host.empty()) host = source == "gitlab" ? "gitlab.com" : "gitea.com";
            d.src_repo = where.empty() ? "" : "https://" + host + "/" + where + ".git";
        } else if (source == "regex") {
            d.url = std::string(str("url"));
            d.regex = std::string(str("regex"));
            d.src_repo = d.url;
        } else {
            d.src_repo = where;
        }
        if (d.src_repo.empty())
            say(model::Severity::warning, line_of(*t),
                "[" + name + "]: source '" + std::string(source) + "' without its '" +
                    std::string(source == "regex" ? "url" : source) + "' setting");
        if (std::string_view prefix = str("prefix"); !prefix.empty())
            d.tag_prefix = "^" + re2::RE2::QuoteMeta(prefix);
        d.tag_reorder = std::string(str("from_pattern"));
        d.tag_neworder = std::string(str("to_pattern"));
        if (d.tag_reorder.empty() != d.tag_neworder.empty())
            say(model::Severity::warning, line_of(*t),
                "[" + name + "]: from_pattern and to_pattern go together; neither is used");
        if (d.tag_reorder.empty() || d.tag_neworder.empty())
            d.tag_reorder.clear(), d.tag_neworder.clear();
        if (!d.tag_reorder.empty() && !d.tag_prefix.empty()) {
            // nvchecker strips the prefix first and then rewrites; one rule does both here.
            d.tag_reorder =
                d.tag_prefix + "(?:" + d.tag_reorder.substr(d.tag_reorder.starts_with("^")) + ")";
        }
        d.include_regex = std::string(str("include_regex"));
        d.exclude_regex = std::string(str("exclude_regex"));
        for (const auto& [k, v] : *t)
            if (!understood(k.str()))
                say(model::Severity::info, line_of(v),
                    "[" + name + "]: '" + std::string(k.str()) + "' is not read by kaiyuan");
        pkg.upstream = std::move(d);
        out.push_back(std::move(pkg));
    }
    return out;
}

} // namespace kaiyuan::upstream
