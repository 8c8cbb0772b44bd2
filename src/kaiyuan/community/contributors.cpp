#include "kaiyuan/community/contributors.hpp"

#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <set>

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

People identify(const std::vector<const History*>& histories, const Identities* identities) {
    // Identities by email, joined by the identities file and by name (rules 1 to 3).
    Groups groups;
    std::map<std::string, std::size_t> by_email, by_name, by_listed_person;
    People out;
    out.of_commit.resize(histories.size());
    out.organization_of_commit.resize(histories.size());
    std::vector<std::vector<std::size_t>> group_of(histories.size());
    std::vector<std::vector<Identity>> canonical(histories.size()); // after .mailmap
    for (std::size_t r = 0; r < histories.size(); ++r) {
        const History& h = *histories[r];
        group_of[r].reserve(h.commits.size());
        canonical[r].reserve(h.commits.size());
        for (const auto& c : h.commits) {
            const Identity& who = canonical[r].emplace_back(h.mailmap.resolve(c.author));
            std::string email = util::to_lower(who.email);
            // Commits without an email are told apart by name, not lumped together.
            auto [it, fresh] =
                by_email.emplace(email.empty() ? "\x01" + folded_name(who.name) : email, 0);
            if (fresh) it->second = groups.add();
            if (const Person* listed = identities ? identities->person_of(email) : nullptr) {
                auto [p, new_person] = by_listed_person.emplace(listed->emails.front(), it->second);
                if (!new_person) groups.unite(it->second, p->second);
            }
            std::string name = folded_name(who.name);
            if (util::split_ws(name).size() >= 2 && !is_bot(who)) {
                auto [n, new_name] = by_name.emplace(name, it->second);
                if (!new_name) groups.unite(it->second, n->second);
            }
            group_of[r].push_back(it->second);
        }
    }
    std::map<std::size_t, Contributor> people;
    std::map<std::size_t, std::map<std::string, std::size_t>> names; // commits per name
    std::set<std::size_t> human; // groups with a commit of a person
    for (std::size_t r = 0; r < histories.size(); ++r) {
        const History& h = *histories[r];
        out.organization_of_commit[r].reserve(h.commits.size());
        for (std::size_t i = 0; i < h.commits.size(); ++i) {
            const Commit& c = h.commits[i];
            const Identity& who = canonical[r][i];
            std::size_t group = groups.find(group_of[r][i]);
            Contributor& p = people[group];
            std::string email = util::to_lower(who.email);
            p.emails.insert(email);
            p.repositories.insert(h.repository);
            // A person is a bot when none of their commits is a person's: a bot identity that
            // shares an email with a human does not make the human a bot.
            if (!is_bot(who) && !(identities && identities->is_listed_bot(who)))
                human.insert(group);
            const Person* listed = identities ? identities->person_of(email) : nullptr;
            ++names[group][listed && !listed->name.empty() ? listed->name : who.name];
            ++p.commits;
            if (c.parents > 1) ++p.merges;
            p.lines_added += c.added;
            p.lines_removed += c.removed;
            if (p.first_commit == 0 || c.time < p.first_commit) p.first_commit = c.time;
            if (c.time > p.last_commit) p.last_commit = c.time;
            std::string org = identities ? identities->organization(email, c.time)
                                         : organization_of_domain(email);
            auto o = std::find_if(p.organizations.begin(), p.organizations.end(),
                                  [&](const auto& x) { return x.first == org; });
            if (o == p.organizations.end())
                p.organizations.emplace_back(org, 1);
            else
                ++o->second;
            out.organization_of_commit[r].push_back(std::move(org));
        }
    }
    std::map<std::size_t, std::size_t> index_of_group;
    std::vector<std::pair<std::size_t, Contributor>> ordered;
    for (auto& [group, p] : people) {
        p.bot = !human.count(group);
        const auto& counts = names[group];
        p.name = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                     return a.second < b.second;
                 })->first;
        ordered.emplace_back(group, std::move(p));
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        return std::tie(b.second.commits, a.second.name) <
               std::tie(a.second.commits, b.second.name);
    });
    for (auto& [group, p] : ordered) {
        index_of_group[group] = out.contributors.size();
        out.contributors.push_back(std::move(p));
    }
    out.of_author.resize(histories.size());
    for (std::size_t r = 0; r < histories.size(); ++r) {
        const History& h = *histories[r];
        out.of_commit[r].reserve(group_of[r].size());
        for (std::size_t i = 0; i < group_of[r].size(); ++i) {
            std::size_t who = index_of_group[groups.find(group_of[r][i])];
            out.of_commit[r].push_back(who);
            out.of_author[r].emplace(author_key(h.commits[i].author), who);
        }
        // Areas (top-level directories, "." for the root) and languages, by lines changed.
        for (const auto& [dir, authors] : h.lines.by_directory) {
            bool top = dir == "." || dir.find('/') == dir.size() - 1;
            if (!top) continue;
            std::string area = dir == "." ? "." : dir.substr(0, dir.size() - 1);
            for (const auto& [author, lines] : authors)
                if (auto it = out.of_author[r].find(author); it != out.of_author[r].end())
                    out.contributors[it->second].areas[area] += lines;
        }
        for (const auto& [language, authors] : h.lines.by_language)
            for (const auto& [author, lines] : authors)
                if (auto it = out.of_author[r].find(author); it != out.of_author[r].end())
                    out.contributors[it->second].languages[language] += lines;
    }
    return out;
}

std::vector<Contributor> contributors(const std::vector<const History*>& histories) {
    return identify(histories, nullptr).contributors;
}

std::size_t smallest_majority(std::vector<std::uint64_t> counts) {
    std::sort(counts.rbegin(), counts.rend());
    std::uint64_t total = std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
    std::uint64_t held = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        held += counts[i];
        if (2 * held > total) return i + 1;
    }
    return 0;
}

std::size_t contributor_absence_factor(const std::vector<Contributor>& people) {
    std::vector<std::uint64_t> commits;
    for (const auto& p : people)
        if (!p.bot) commits.push_back(p.commits);
    return smallest_majority(std::move(commits));
}

} // namespace kaiyuan::community
