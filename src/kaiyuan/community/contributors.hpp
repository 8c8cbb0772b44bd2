#pragma once
/// People from commits: identities merged, bots told apart, and what each contributed.
///
/// Identity rules (docs/cli.md, "community"), in order:
/// 1. the repository's .mailmap gives each commit's canonical name and email; the emails an
///    identities file lists for one person are that person (and their name is the file's);
/// 2. commits with the same email (case-insensitive) are one person;
/// 3. two emails are one person when their canonical names are the same (case and spacing
///    aside) and the name has at least two words: "Jane Doe" joins, "root" or "admin" do not;
/// 4. a bot is an author whose name ends in "[bot]", "-bot" or " bot", or names a known bot
///    (dependabot, renovate, github-actions, ...), or whose email's local part does, or that the
///    identities file lists; a person none of whose commits is a person's is a bot, counted
///    apart, never as a person.
#include "kaiyuan/community/history.hpp"
#include "kaiyuan/community/identities.hpp"

#include <map>
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
    /// Organisations in the order they were first seen, with the commits made for each.
    std::vector<std::pair<std::string, std::uint64_t>> organizations;
    /// Lines changed per top-level directory ("." for the root) and per language.
    std::map<std::string, std::uint64_t> areas, languages;
};

/// The contributors and, for every commit, which of them made it.
struct People {
    std::vector<Contributor> contributors;           ///< most commits first
    std::vector<std::vector<std::size_t>> of_commit; ///< [history][commit] -> contributor
    std::vector<std::vector<std::string>> organization_of_commit; ///< [history][commit]
    /// [history][author_key of a commit's author, before .mailmap] -> contributor
    std::vector<std::map<std::string, std::size_t>> of_author;
};

/// Identifies the people of one or more histories (`identities` may be null).
People identify(const std::vector<const History*>& histories, const Identities* identities);

/// Whether a (canonical) identity is a bot's.
bool is_bot(const Identity& who);

/// identify(histories, nullptr).contributors.
std::vector<Contributor> contributors(const std::vector<const History*>& histories);

/// The smallest number of entries whose counts make more than half of the total (the absence
/// and elephant factors); 0 for none.
std::size_t smallest_majority(std::vector<std::uint64_t> counts);

/// CHAOSS Contributor Absence Factor: the smallest number of contributors (bots left out) whose
/// commits make more than half of all commits. 0 when there are none.
std::size_t contributor_absence_factor(const std::vector<Contributor>& people);

} // namespace kaiyuan::community
