#pragma once
/// Commit ancestry, which GIT ranges need
/// (https://ossf.github.io/osv-schema/#affectedrangestype-field): a commit is affected when an
/// `introduced` commit is in its history and no `fixed` one is. Answered from the git repositories
/// found in a scanned directory.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaiyuan::vuln {

class CommitHistory {
public:
    virtual ~CommitHistory() = default;
    /// Whether `ancestor` is `commit` or in its history; nullopt when no repository here holds
    /// both.
    virtual std::optional<bool> contains(std::string_view commit, std::string_view ancestor) = 0;
};

/// The history of local git repositories, read with libgit2; answers are cached.
class GitRepositories final : public CommitHistory {
public:
    /// `git_dirs`: paths of .git directories (or a submodule's .git/modules/<name>). One that
    /// cannot be opened is left out and named in problems().
    explicit GitRepositories(const std::vector<std::string>& git_dirs);
    ~GitRepositories() override;
    GitRepositories(const GitRepositories&) = delete;
    GitRepositories& operator=(const GitRepositories&) = delete;

    std::optional<bool> contains(std::string_view commit, std::string_view ancestor) override;
    const std::vector<std::string>& problems() const { return m_problems; }

private:
    struct Repos;
    std::unique_ptr<Repos> m_repos;
    std::map<std::pair<std::string, std::string>, std::optional<bool>> m_cache;
    std::vector<std::string> m_problems;
};

} // namespace kaiyuan::vuln
