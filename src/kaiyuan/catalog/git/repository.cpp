#include "kaiyuan/catalog/git/repository.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <map>

namespace kaiyuan::catalog::git {

namespace {

/// A commit id: 40 hex digits (SHA-1) or 64 (SHA-256 repositories).
bool is_object_id(std::string_view s) {
    return (s.size() == 40 || s.size() == 64) && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

/// `scheme://user:secret@host/path` -> `scheme://host/path`: a token in a remote URL must not
/// travel into an SBOM.
std::string without_credentials(std::string_view url) {
    auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return std::string(url);
    auto host = scheme + 3;
    auto at = url.find('@', host);
    auto slash = url.find('/', host);
    if (at == std::string_view::npos || (slash != std::string_view::npos && at > slash))
        return std::string(url);
    return std::string(url.substr(0, host)) + std::string(url.substr(at + 1));
}

/// The repository's name from its URL ("https://github.com/madler/zlib.git" -> "zlib").
std::string name_from_url(std::string_view url) {
    while (url.ends_with('/'))
        url.remove_suffix(1);
    if (url.ends_with(".git")) url.remove_suffix(4);
    auto cut = url.find_last_of("/:");
    return std::string(cut == std::string_view::npos ? url : url.substr(cut + 1));
}

/// The commit a ref names, from its loose file or the packed-refs line.
std::string resolve_ref(const GitDirFiles& files, std::string_view ref) {
    for (const auto& [name, text] : files.loose_refs)
        if (name == ref) return std::string(util::trim(text));
    for (std::string_view line : util::split(files.packed_refs, '\n')) {
        line = util::trim(line);
        if (line.empty() || line.front() == '#' || line.front() == '^') continue;
        auto space = line.find(' ');
        if (space != std::string_view::npos && util::trim(line.substr(space + 1)) == ref)
            return std::string(line.substr(0, space));
    }
    return {};
}

} // namespace

std::string remote_url(std::string_view config) {
    // git-config(1): [remote "origin"] sections with `url = ...`; section and key names are
    // case-insensitive, subsection names are not.
    std::string section, first;
    for (std::string_view line : util::split(config, '\n')) {
        line = util::trim(line);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;
        if (line.front() == '[') {
            section = std::string(line.substr(0, line.find(']') + 1));
            continue;
        }
        if (!util::starts_with_icase(section, "[remote ")) continue;
        auto eq = line.find('=');
        if (eq == std::string_view::npos || util::to_lower(util::trim(line.substr(0, eq))) != "url")
            continue;
        std::string url(util::trim(line.substr(eq + 1)));
        if (url.size() >= 2 && url.front() == '"' && url.back() == '"')
            url = url.substr(1, url.size() - 2);
        if (section == "[remote \"origin\"]") return without_credentials(url);
        if (first.empty()) first = without_credentials(url);
    }
    return first;
}

CatalogResult parse_git_dir(const GitDirFiles& files, const model::Location& location) {
    CatalogResult out;
    auto note = [&](std::string message) {
        out.diagnostics.push_back({model::Severity::info, location, std::move(message)});
    };
    std::string_view head = util::trim(files.head);
    std::string commit;
    if (head.starts_with("ref:")) {
        std::string ref(util::trim(head.substr(4)));
        commit = resolve_ref(files, ref);
        if (commit.empty()) {
            note("git repository without a commit on " + ref + "; no component");
            return out;
        }
    } else {
        commit = std::string(head);
    }
    if (!is_object_id(commit)) {
        out.diagnostics.push_back({model::Severity::warning, location,
                                   "git HEAD does not name a commit: \"" +
                                       util::sanitize_text(commit.substr(0, 80)) + "\""});
        return out;
    }
    std::string url = util::sanitize_text(remote_url(files.config));
    std::string name = url.empty() ? "" : name_from_url(url);
    if (name.empty()) {
        // No remote: a submodule's name, else the directory holding .git.
        auto modules = files.dir.rfind("/modules/");
        name = modules != std::string::npos ? files.dir.substr(modules + 9)
                                            : project_name_from_path(files.dir);
    }
    std::map<std::string, std::string> qualifiers;
    if (!url.empty()) qualifiers["vcs_url"] = "git+" + url;
    model::Component c = make_package("generic", "", name, commit, location, 0, qualifiers);
    c.properties[k_commit_property] = commit;
    if (!url.empty()) c.properties[k_repository_property] = url;
    out.components.push_back(std::move(c));
    return out;
}

std::vector<std::string> GitCataloger::globs() const {
    return {"**/.git/HEAD",
            "**/.git/config",
            "**/.git/packed-refs",
            "**/.git/refs/heads/**",
            "**/.git/modules/**/HEAD",
            "**/.git/modules/**/config",
            "**/.git/modules/**/packed-refs",
            "**/.git/modules/**/refs/heads/**"};
}

CatalogResult GitCataloger::catalog(const std::vector<const FileData*>& files,
                                    const Environments&) const {
    std::map<std::string, GitDirFiles> dirs;
    std::map<std::string, const FileData*> heads, configs;
    for (const FileData* f : files) {
        std::string_view p = f->path;
        if (auto refs = p.find("/refs/heads/"); refs != std::string_view::npos) {
            std::string dir(p.substr(0, refs));
            dirs[dir].loose_refs.emplace_back(std::string(p.substr(refs + 1)), f->data);
        } else if (p.ends_with("/HEAD")) {
            std::string dir(p.substr(0, p.size() - 5));
            dirs[dir].head = f->data;
            heads[dir] = f;
        } else if (p.ends_with("/config")) {
            std::string dir(p.substr(0, p.size() - 7));
            dirs[dir].config = f->data;
            configs[dir] = f;
        } else if (p.ends_with("/packed-refs")) {
            dirs[std::string(p.substr(0, p.size() - 12))].packed_refs = f->data;
        }
    }
    CatalogResult result;
    for (auto& [dir, git_dir] : dirs) {
        // A git directory has both HEAD and config; logs/HEAD or refs/remotes/origin/HEAD alone
        // are not one.
        if (!configs.count(dir) || !heads.count(dir)) continue;
        git_dir.dir = dir;
        result.append(parse_git_dir(git_dir, heads[dir]->location()));
    }
    return result;
}

} // namespace kaiyuan::catalog::git
