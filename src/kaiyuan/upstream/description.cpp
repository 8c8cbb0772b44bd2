#include "kaiyuan/upstream/description.hpp"

#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/yaml.hpp"

#include <map>

namespace kaiyuan::upstream {

namespace {

struct KindName {
    std::string_view name;
    UpstreamKind kind;
};
constexpr KindName kinds[] = {
    {"github", UpstreamKind::github},
    {"gitee", UpstreamKind::gitee},
    {"gitlab.gnome", UpstreamKind::gitlab_gnome},
    {"git", UpstreamKind::git},
    {"hg", UpstreamKind::hg},
    {"svn", UpstreamKind::svn},
    {"pypi", UpstreamKind::pypi},
    {"rubygem", UpstreamKind::rubygem},
    {"metacpan", UpstreamKind::metacpan},
    {"gnu-ftp", UpstreamKind::gnu_ftp},
    {"ftp", UpstreamKind::ftp},
    {"sourceforge", UpstreamKind::sourceforge},
    {"npm", UpstreamKind::npm},
    {"cratesio", UpstreamKind::cratesio},
    {"maven", UpstreamKind::maven},
    {"go", UpstreamKind::go},
    {"packagist", UpstreamKind::packagist},
    {"nuget", UpstreamKind::nuget},
    {"regex", UpstreamKind::regex},
};

/// Misspellings seen in openEuler-Advisor's files, and what they plainly mean.
const std::map<std::string_view, std::string_view>& misspelt_keys() {
    static const std::map<std::string_view, std::string_view> m{
        {"version-control", "version_control"},
        {"version-ctrl", "version_control"},
        {"n_control", "version_control"},
        {"seperator", "separator"},
        {"sepreator", "separator"},
        {"tag_prefixi", "tag_prefix"},
    };
    return m;
}

const std::map<std::string_view, std::string_view>& misspelt_kinds() {
    static const std::map<std::string_view, std::string_view> m{
        {"meatcpan", "metacpan"},
        {"gnome", "gitlab.gnome"},
        {"github.gnome", "gitlab.gnome"},
    };
    return m;
}

/// Keys openEuler-Advisor writes or reads that say nothing about where releases are.
bool informational(std::string_view key) {
    for (std::string_view k : {"git_url", "git_tag", "last_query", "query_type", "mirror",
                               "download", "download_url", "svn_url", "note"})
        if (key == k) return true;
    return false;
}

} // namespace

UpstreamKind kind_from_name(std::string_view name) {
    for (const auto& k : kinds)
        if (k.name == name) return k.kind;
    return UpstreamKind::none;
}

std::string_view kind_name(UpstreamKind kind) {
    for (const auto& k : kinds)
        if (k.kind == kind) return k.name;
    return {};
}

Result<UpstreamDescription> read_upstream_info(std::string_view text, const std::string& file,
                                               std::vector<model::Diagnostic>& diagnostics) {
    auto doc = util::parse_yaml(text);
    if (!doc) return fail(file + ": " + doc.error().message);
    if (!doc->is_mapping()) return fail(file + ": not a mapping of upstream settings");
    auto say = [&](model::Severity severity, std::uint32_t line, std::string message) {
        model::Diagnostic d;
        d.severity = severity;
        d.location.path = file;
        d.location.line = line;
        d.message = std::move(message);
        diagnostics.push_back(std::move(d));
    };
    UpstreamDescription out;
    out.file = file;
    auto slash = file.find_last_of('/');
    out.package = file.substr(slash == std::string::npos ? 0 : slash + 1);
    if (out.package.ends_with(".yaml")) out.package.resize(out.package.size() - 5);
    std::map<std::string, std::uint32_t> seen;
    for (const auto& entry : doc->entries) {
        // (not a structured binding: clang 14 cannot capture one in the lambda below)
        const std::string& written = entry.first;
        const util::YamlNode& value = entry.second;
        std::string key = written;
        if (auto it = misspelt_keys().find(key); it != misspelt_keys().end()) {
            say(model::Severity::warning, value.line,
                "'" + key + "' is misspelt: read as '" + std::string(it->second) + "'");
            key = std::string(it->second);
        }
        if (auto [it, added] = seen.try_emplace(key, value.line); !added) {
            // PyYAML, which openEuler-Advisor reads these files with, keeps the last.
            say(model::Severity::warning, value.line,
                "'" + key + "' given again (first on line " + std::to_string(it->second) +
                    "): this one is used, as openEuler-Advisor's YAML reader takes the last");
            it->second = value.line;
        }
        auto scalar = [&]() -> std::string {
            if (value.kind == util::YamlNode::Kind::null) return {};
            if (value.kind != util::YamlNode::Kind::scalar) {
                say(model::Severity::warning, value.line, "'" + key + "' is not a single value");
                return {};
            }
            return std::string(util::trim(value.value));
        };
        using Field = std::string UpstreamDescription::*;
        static const std::map<std::string_view, Field> fields{
            {"version_control", &UpstreamDescription::kind_as_written},
            {"src_repo", &UpstreamDescription::src_repo},
            {"tag_prefix", &UpstreamDescription::tag_prefix},
            {"tag_pattern", &UpstreamDescription::tag_pattern},
            {"tag_reorder", &UpstreamDescription::tag_reorder},
            {"tag_neworder", &UpstreamDescription::tag_neworder},
            {"separator", &UpstreamDescription::separator},
            {"url", &UpstreamDescription::url}};
        if (auto field = fields.find(key); field != fields.end()) {
            out.*(field->second) = scalar();
        } else if (key == "git_tag" && value.kind == util::YamlNode::Kind::sequence) {
            out.recorded_tags.clear();
            for (const auto& item : value.items) {
                auto words = util::split_ws(item.value);
                if (words.size() == 2)
                    out.recorded_tags.emplace_back(std::string(words[0]), std::string(words[1]));
            }
        } else if (!informational(key)) {
            say(model::Severity::warning, value.line, "unknown setting '" + written + "': ignored");
        }
    }
    // "NA" and "None" mean "none" in these files, wherever they stand.
    for (std::string* s :
         {&out.tag_prefix, &out.tag_pattern, &out.tag_reorder, &out.separator, &out.src_repo})
        if (*s == "NA" || *s == "None") s->clear();
    std::string kind = out.kind_as_written;
    if (auto it = misspelt_kinds().find(kind); it != misspelt_kinds().end()) {
        say(model::Severity::warning, seen.count("version_control") ? seen["version_control"] : 0,
            "version_control '" + kind + "' is misspelt: read as '" + std::string(it->second) +
                "'");
        kind = std::string(it->second);
    }
    for (const auto& k : kinds)
        if (k.name == kind) out.kind = k.kind;
    std::uint32_t line = seen.count("version_control") ? seen["version_control"] : 0;
    if (out.kind == UpstreamKind::none) {
        if (kind.empty() || kind == "NA" || kind == "None")
            say(model::Severity::info, line, "no upstream is described: not checked");
        else
            say(model::Severity::warning, line,
                "version_control '" + kind +
                    "' cannot be checked (supported: github, gitee, "
                    "gitlab.gnome, git, hg, svn, pypi, rubygem, metacpan, gnu-ftp, ftp, "
                    "sourceforge)");
    } else if (out.src_repo.empty() && out.url.empty()) {
        say(model::Severity::warning, line, "no src_repo: nothing to check");
        out.kind = UpstreamKind::none;
    }
    if (!out.tag_reorder.empty() && out.tag_neworder.empty())
        say(model::Severity::warning, seen["tag_reorder"],
            "tag_reorder without tag_neworder: tags are not reordered");
    return out;
}

} // namespace kaiyuan::upstream
