#pragma once
/// People from commits: identities merged, bots told apart, and what each contributed.
///
/// Identity rules (docs/cli.md, "community"), in order:
/// 1. the repository's .mailmap gives each commit's canonical name and email;
/// 2. commits with the same email (case-insensitive) are one person;
/// 3. two emails are one person when their canonical names are the same (case and spacing
///    aside) and the name has at least two words: "Jane Doe" joins, "root" or "admin" do not;
/// 4. a bot is an author whose name ends in "[bot]", "-bot" or " bot", or names a known bot
///    (dependabot, renovate, github-actions, ...), or whose email's local part does; bots are
///    counted apart, never as people.
#include "kaiyuan/community/history.hpp"

#include <set>
#include <string>
#include <vector>

namespace kaiyuan::community {

struct Contributor {
    std::string name;             ///< the name most of their commits carry
    std::set<std::string> emails; ///< canonical, lower-case
    std::set<std::string> repositories;
    bool bot = false;
    std::uint64_t commits = 0, merges = 0, lines_added = 0, lines_removed = 0;
    std::int64_t first_commit = 0, last_commit = 0; ///< author times
};

/// Whether a (canonical) identity is a bot's.
bool is_bot(const Identity& who);

/// The contributors of one or more histories, most commits first. Each commit's author is
/// mapped by its own history's .mailmap.
std::vector<Contributor> contributors(const std::vector<const History*>& histories);

/// CHAOSS Contributor Absence Factor: the smallest number of contributors (bots left out) whose
/// commits make more than half of all commits. 0 when there are none.
std::size_t contributor_absence_factor(const std::vector<Contributor>& people);

} // namespace kaiyuan::community
