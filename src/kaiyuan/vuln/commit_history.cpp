#include "kaiyuan/vuln/commit_history.hpp"

#include <git2.h>

namespace kaiyuan::vuln {

struct GitRepositories::Repos {
    std::vector<git_repository*> open;
};

GitRepositories::GitRepositories(const std::vector<std::string>& git_dirs)
    : m_repos(std::make_unique<Repos>()) {
    git_libgit2_init();
    for (const std::string& dir : git_dirs) {
        git_repository* repo = nullptr;
        if (git_repository_open_bare(&repo, dir.c_str()) == 0) {
            m_repos->open.push_back(repo);
            continue;
        }
        const git_error* e = git_error_last();
        m_problems.push_back(dir + ": cannot open git repository: " +
                             (e && e->message ? e->message : "unknown error"));
    }
}

GitRepositories::~GitRepositories() {
    for (git_repository* repo : m_repos->open)
        git_repository_free(repo);
    git_libgit2_shutdown();
}

std::optional<bool> GitRepositories::contains(std::string_view commit, std::string_view ancestor) {
    if (commit == ancestor) return true;
    auto key = std::make_pair(std::string(commit), std::string(ancestor));
    if (auto hit = m_cache.find(key); hit != m_cache.end()) return hit->second;
    std::optional<bool> answer;
    git_oid c{}, a{};
    if (git_oid_fromstrn(&c, key.first.c_str(), key.first.size()) == 0 &&
        git_oid_fromstrn(&a, key.second.c_str(), key.second.size()) == 0 &&
        key.first.size() == GIT_OID_HEXSZ && key.second.size() == GIT_OID_HEXSZ) {
        for (git_repository* repo : m_repos->open) {
            git_odb* odb = nullptr;
            if (git_repository_odb(&odb, repo) != 0) continue;
            bool both = git_odb_exists(odb, &c) && git_odb_exists(odb, &a);
            git_odb_free(odb);
            if (!both) continue;
            int r = git_graph_descendant_of(repo, &c, &a);
            if (r >= 0) {
                answer = r == 1;
                break;
            }
        }
    }
    m_cache.emplace(std::move(key), answer);
    return answer;
}

} // namespace kaiyuan::vuln
