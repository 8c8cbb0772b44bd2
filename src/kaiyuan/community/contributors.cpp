#include "kaiyuan/community/contributors.hpp"

#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>

namespace kaiyuan::community {

namespace {

constexpr std::array k_bots{
    "dependabot", "renovate",        "github-actions",       "greenkeeper",
    "snyk-bot",   "mergify",         "pre-commit-ci",        "codecov",
    "imgbot",     "allcontributors", "semantic-release-bot", "copilot-swe-agent",
    "gitee-bot",  "openeuler-ci-bot"};

/// "Jane  DOE" -> "jane doe".
std::string folded_name(std::string_view name) {
    std::string out;
    for (auto w : util::split_ws(name))
        out += (out.empty() ? "" : " ") + util::to_lower(w);
    return out;
}

/// A union-find over identity keys.
struct Groups {
    std::vector<std::size_t> parent;
    std::size_t add() {
        parent.push_back(parent.size());
        return parent.size() - 1;
    }
    std::size_t find(std::size_t x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

} // namespace

bool is_bot(const Identity& who) {
    std::string name = util::to_lower(util::trim(who.name));
    std::string local = util::to_lower(who.email.substr(0, who.email.find('@')));
    if (name.ends_with("[bot]") || name.ends_with("-bot") || name.ends_with(" bot") ||
        local.ends_with("[bot]") || local.ends_with("-bot"))
        return true;
    for (const char* b : k_bots)
        if (name == b || local == b || local.ends_with(std::string("+") + b)) return true;
    return false;
}

std::vector<Contributor> contributors(const std::vector<const History*>& histories) {
    // Identities by email, joined by name (rules 2 and 3).
    Groups groups;
    std::map<std::string, std::size_t> by_email, by_name;
    std::vector<std::vector<std::size_t>> commit_group(histories.size());
    for (std::size_t r = 0; r < histories.size(); ++r) {
        const History& h = *histories[r];
        commit_group[r].reserve(h.commits.size());
        for (const auto& c : h.commits) {
            Identity who = h.mailmap.resolve(c.author);
            std::string email = util::to_lower(who.email);
            auto [it, fresh] = by_email.emplace(email, 0);
            if (fresh) it->second = groups.add();
            std::string name = folded_name(who.name);
            if (util::split_ws(name).size() >= 2 && !is_bot(who)) {
                auto [n, new_name] = by_name.emplace(name, it->second);
                if (!new_name) groups.unite(it->second, n->second);
            }
            commit_group[r].push_back(it->second);
        }
    }
    std::map<std::size_t, Contributor> people;
    std::map<std::size_t, std::map<std::string, std::size_t>> names; // commits per name
    for (std::size_t r = 0; r < histories.size(); ++r) {
        const History& h = *histories[r];
        for (std::size_t i = 0; i < h.commits.size(); ++i) {
            const Commit& c = h.commits[i];
            Identity who = h.mailmap.resolve(c.author);
            Contributor& p = people[groups.find(commit_group[r][i])];
            p.emails.insert(util::to_lower(who.email));
            p.repositories.insert(h.repository);
            p.bot = p.bot || is_bot(who);
            ++names[groups.find(commit_group[r][i])][who.name];
            ++p.commits;
            if (c.parents > 1) ++p.merges;
            p.lines_added += c.added;
            p.lines_removed += c.removed;
            if (p.first_commit == 0 || c.time < p.first_commit) p.first_commit = c.time;
            if (c.time > p.last_commit) p.last_commit = c.time;
        }
    }
    std::vector<Contributor> out;
    for (auto& [group, p] : people) {
        const auto& counts = names[group];
        p.name = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                     return a.second < b.second;
                 })->first;
        out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(), [](const Contributor& a, const Contributor& b) {
        return std::tie(b.commits, a.name) < std::tie(a.commits, b.name);
    });
    return out;
}

std::size_t contributor_absence_factor(const std::vector<Contributor>& people) {
    std::vector<std::uint64_t> commits;
    for (const auto& p : people)
        if (!p.bot) commits.push_back(p.commits);
    std::sort(commits.rbegin(), commits.rend());
    std::uint64_t total = std::accumulate(commits.begin(), commits.end(), std::uint64_t{0});
    std::uint64_t held = 0;
    for (std::size_t i = 0; i < commits.size(); ++i) {
        held += commits[i];
        if (2 * held > total) return i + 1;
    }
    return 0;
}

} // namespace kaiyuan::community
