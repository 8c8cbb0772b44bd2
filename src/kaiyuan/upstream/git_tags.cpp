#include "kaiyuan/upstream/git_tags.hpp"

#include "kaiyuan/source/git_handles.hpp"

#include <map>

namespace kaiyuan::upstream {

using source::git::hex;
using source::git::problem;

InsteadOf insteadof_rules(const std::string& config_file) {
    git_libgit2_init();
    InsteadOf out;
    git_config* config = nullptr;
    int opened = config_file.empty() ? git_config_open_default(&config)
                                     : git_config_open_ondisk(&config, config_file.c_str());
    if (opened != 0) return out;
    // Every entry, filtered here: libgit2's glob iterator compiles a regular expression (PCRE2
    // in Debian's build) whose match data it leaks over a multi-level configuration.
    git_config_iterator* it = nullptr;
    if (git_config_iterator_new(&it, config) == 0) {
        git_config_entry* entry = nullptr;
        while (git_config_next(&entry, it) == 0) {
            std::string_view name = entry->name; // url.<base>.insteadof (the base keeps its case)
            if (!name.starts_with("url.") || !name.ends_with(".insteadof") || name.size() <= 14)
                continue;
            std::string base(name.substr(4, name.size() - 4 - 10)); // "url." and ".insteadof"
            out.emplace_back(base, entry->value ? entry->value : "");
        }
        git_config_iterator_free(it);
    }
    git_config_free(config);
    return out;
}

std::string apply_insteadof(const std::string& url, const InsteadOf& rules) {
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& rule : rules)
        if (!rule.second.empty() && url.starts_with(rule.second) &&
            (!best || rule.second.size() > best->second.size()))
            best = &rule;
    return best ? best->first + url.substr(best->second.size()) : url;
}

Result<std::vector<RemoteTag>> list_tags(const std::string& given, const InsteadOf& rules) {
    git_libgit2_init();
    std::string url = apply_insteadof(given, rules);
    std::string named = url == given ? given : given + " (" + url + ")";
    git_remote* remote = nullptr;
    if (git_remote_create_detached(&remote, url.c_str()) != 0)
        return fail(named + ": " + problem());
    git_remote_callbacks callbacks;
    git_remote_init_callbacks(&callbacks, GIT_REMOTE_CALLBACKS_VERSION);
    if (git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr) != 0) {
        std::string why = problem();
        git_remote_free(remote);
        return fail(named + ": cannot list its refs (" + why + ")");
    }
    const git_remote_head** heads = nullptr;
    std::size_t count = 0;
    if (git_remote_ls(&heads, &count, remote) != 0) {
        std::string why = problem();
        git_remote_free(remote);
        return fail(named + ": " + why);
    }
    std::vector<RemoteTag> out;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < count; ++i) {
        std::string_view ref = heads[i]->name;
        if (!ref.starts_with("refs/tags/")) continue;
        ref.remove_prefix(10);
        bool peeled = ref.ends_with("^{}"); // an annotated tag's commit follows the tag
        if (peeled) ref.remove_suffix(3);
        std::string name(ref);
        auto [it, added] = index.try_emplace(name, out.size());
        if (added)
            out.push_back({name, hex(heads[i]->oid)});
        else if (peeled)
            out[it->second].commit = hex(heads[i]->oid);
    }
    git_remote_disconnect(remote);
    git_remote_free(remote);
    return out;
}

} // namespace kaiyuan::upstream
