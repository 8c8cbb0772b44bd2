// People and CHAOSS metrics on histories made in the test, each expected figure worked out by
// hand: identities (files, names, bots, organisations by date and domain), periods with new,
// inactive and retained contributors, the absence and elephant factors, roles, activity times,
// ownership and release cadence; and the identities reader's errors.
#include "kaiyuan/community/metrics.hpp"
#include "kaiyuan/community/openrank.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;
using namespace kaiyuan::community;

namespace {

constexpr std::int64_t k_day = 86400;
constexpr std::int64_t k_2024 = 1704067200; // 2024-01-01T00:00:00Z, a Monday

Commit commit(const std::string& name, const std::string& email, std::int64_t time,
              const std::string& path = "src/a.c", std::uint32_t added = 10,
              std::uint32_t removed = 0) {
    Commit c;
    c.id = std::to_string(time);
    c.author = {name, email};
    c.time = time;
    c.offset = 120; // UTC+2
    c.parents = 1;
    c.files.push_back({path, added, removed, false});
    c.added = added;
    c.removed = removed;
    return c;
}

/// Adds `c` to `h` as the walk would: its files' lines counted by author and path.
void add(History& h, Commit c) {
    for (const auto& f : c.files)
        h.lines.add(author_key(c.author), f);
    h.commits.push_back(std::move(c));
}

History history() {
    History h;
    h.repository = "repo";
    // Q1 2024: Jane 6 commits (two emails), Joe 3, Ann 1, a bot 5.
    for (int i = 0; i < 4; ++i)
        add(h, commit("Jane Doe", "jane@acme.example", k_2024 + i * k_day));
    for (int i = 0; i < 2; ++i)
        add(h,
            commit("Jane Doe", "jane@gmail.com", k_2024 + (10 + i) * k_day, "docs/guide.md", 4, 1));
    for (int i = 0; i < 3; ++i)
        add(h, commit("Joe Bloggs", "joe@other.example", k_2024 + (20 + i) * k_day));
    add(h, commit("ann", "ann@uni.ac.uk", k_2024 + 30 * k_day));
    for (int i = 0; i < 5; ++i)
        add(h, commit("renovate[bot]", "bot@renovateapp.com", k_2024 + 40 * k_day));
    // Q2 2024: nobody. Q3 2024: Joe 2, Kim 1.
    add(h, commit("Joe Bloggs", "joe@other.example", k_2024 + 200 * k_day));
    add(h, commit("Joe Bloggs", "joe@other.example", k_2024 + 201 * k_day));
    add(h, commit("Kim", "kim@acme.example", k_2024 + 202 * k_day, "src/b.c", 1));
    h.tags = {{"v1", k_2024}, {"v2", k_2024 + 10 * k_day}, {"v3", k_2024 + 40 * k_day}};
    return h;
}

TEST(People, IdentitiesAndOrganisations) {
    History h = history();
    auto ids = Identities::read(R"(people:
  - name: Jane Doe
    emails: [jane@acme.example, JANE@gmail.com]
    organizations:
      - {name: ACME, from: 2024-01-01, until: 2024-01-05}
bots: [kim@acme.example]
domains: {other.example: Other Inc}
)",
                                "ids.yml");
    ASSERT_TRUE(ids) << ids.error().message;
    auto people = identify({&h}, &*ids);
    ASSERT_EQ(people.contributors.size(), 5u);
    const auto& jane = people.contributors[0];
    EXPECT_EQ(jane.name, "Jane Doe");
    EXPECT_EQ(jane.commits, 6u);
    EXPECT_EQ(jane.emails.size(), 2u);
    // ACME until 2024-01-05 (inclusive): her four January commits; after that her gmail
    // address says nothing (unaffiliated).
    ASSERT_EQ(jane.organizations.size(), 2u);
    EXPECT_EQ(jane.organizations[0], (std::pair<std::string, std::uint64_t>{"ACME", 4}));
    EXPECT_EQ(jane.organizations[1].first, k_unaffiliated);
    EXPECT_EQ(jane.areas.at("src"), 40u);
    EXPECT_EQ(jane.areas.at("docs"), 10u);
    EXPECT_EQ(jane.languages.at("Markdown"), 10u);
    const Contributor* kim = nullptr;
    const Contributor* bot = nullptr;
    for (const auto& p : people.contributors) {
        if (p.name == "Kim") kim = &p;
        if (p.name == "renovate[bot]") bot = &p;
    }
    ASSERT_TRUE(kim && bot);
    EXPECT_TRUE(kim->bot); // listed in the file
    EXPECT_TRUE(bot->bot);
    EXPECT_EQ(people.contributors[1].name, "Joe Bloggs"); // 5 commits, before the bot's 5 by name
    EXPECT_EQ(people.contributors[1].organizations[0].first, "Other Inc");
}

TEST(Metrics, PeriodsFactorsRolesActivity) {
    History h = history();
    auto people = identify({&h}, nullptr);
    auto m = compute_metrics({&h}, people, Period::quarter);
    // Whole window: 15 people commits (bot's 5 apart) + 5 = 20 commits.
    EXPECT_EQ(m.whole.commits, 18u);
    EXPECT_EQ(m.whole.active, 3u + 1u); // Jane, Joe, ann; Kim is a person here
    // Jane 6, Joe 5, ann 1, Kim 1 of 13: Jane + Joe hold 11 > 6.5.
    EXPECT_EQ(m.whole.contributor_absence_factor, 2u);
    // Organisations by commit (unaffiliated left out): acme.example 4 + 1, other.example 5,
    // uni.ac.uk 1; two of them hold more than half.
    EXPECT_EQ(m.whole.organizations.at("acme.example"), 5u);
    EXPECT_EQ(m.whole.organizations.at("uni.ac.uk"), 1u);
    EXPECT_EQ(m.whole.elephant_factor, 2u);
    ASSERT_EQ(m.periods.size(), 3u);
    EXPECT_EQ(m.periods[0].period, "2024-Q1");
    EXPECT_EQ(m.periods[1].period, "2024-Q2");
    EXPECT_EQ(m.periods[2].period, "2024-Q3");
    EXPECT_EQ(m.periods[0].new_contributors, 3u);
    EXPECT_LT(m.periods[0].retention, 0);
    EXPECT_EQ(m.periods[1].active, 0u);
    EXPECT_EQ(m.periods[1].inactive, 3u);
    EXPECT_DOUBLE_EQ(m.periods[1].retention, 0.0);
    EXPECT_EQ(m.periods[2].new_contributors, 1u); // Kim; Joe returns
    EXPECT_EQ(m.periods[2].inactive, 0u);         // nobody was active in Q2
    // Q1 roles: Jane 6 of 10 is core alone; Joe brings it to 9 (80%+): regular; ann casual.
    EXPECT_EQ(m.periods[0].core, 1u);
    EXPECT_EQ(m.periods[0].regular, 1u);
    EXPECT_EQ(m.periods[0].casual, 1u);
    EXPECT_EQ(m.roles[0].at("2024-Q1"), "core");
    // Activity: every commit at 00:00 UTC is 02:00 in the authors' zone.
    std::uint64_t midnight = 0, two = 0;
    for (int d = 0; d < 7; ++d) {
        midnight += m.activity_utc[d][0];
        two += m.activity_local[d][2];
    }
    EXPECT_EQ(midnight, 13u);
    EXPECT_EQ(two, 13u);
    EXPECT_EQ(m.activity_utc[1][0], 2u); // Mondays: 2024-01-01 (Jane) and 2024-01-22 (Joe)
    // Ownership: src/ by lines.
    ASSERT_FALSE(m.ownership.empty());
    EXPECT_EQ(m.ownership[0].directory, "src/");
    // Joe changed 50 lines there, Jane 40 (her other 10 are in docs/).
    EXPECT_EQ(people.contributors[m.ownership[0].top[0].first].name, "Joe Bloggs");
    EXPECT_EQ(m.ownership[0].top[0].second, 50u);
    // Releases 10 and 30 days apart: median 20.
    EXPECT_DOUBLE_EQ(m.median_days_between_releases, 20.0);
}

TEST(People, NoEmailIsToldApartByName) {
    History h;
    h.repository = "r";
    add(h, commit("alice", "", k_2024));
    add(h, commit("bob", "", k_2024 + k_day));
    add(h, commit("alice", "", k_2024 + 2 * k_day));
    auto people = identify({&h}, nullptr);
    ASSERT_EQ(people.contributors.size(), 2u);
    EXPECT_EQ(people.contributors[0].name, "alice");
    EXPECT_EQ(people.contributors[0].commits, 2u);
    EXPECT_EQ(people.contributors[0].organizations[0].first, k_unaffiliated);
}

TEST(Metrics, HelpersAndDomains) {
    EXPECT_EQ(smallest_majority({5, 5}), 2u);
    EXPECT_EQ(smallest_majority({6, 5}), 1u);
    EXPECT_EQ(smallest_majority({}), 0u);
    EXPECT_EQ(period_of(k_2024 + 45 * k_day, Period::month), "2024-02");
    EXPECT_EQ(period_of(k_2024 + 100 * k_day, Period::quarter), "2024-Q2");
    EXPECT_EQ(period_of(k_2024, Period::year), "2024");
    EXPECT_FALSE(parse_period("week"));
    EXPECT_EQ(organization_of_domain("a@mail.example.org"), "example.org");
    EXPECT_EQ(organization_of_domain("a@cs.example.co.uk"), "example.co.uk");
    EXPECT_EQ(organization_of_domain("a@gmail.com"), k_unaffiliated);
    EXPECT_EQ(organization_of_domain("1+a@users.noreply.github.com"), k_unaffiliated);
    EXPECT_EQ(organization_of_domain("root@localhost"), k_unaffiliated);
    EXPECT_EQ(organization_of_domain("nobody"), k_unaffiliated);
    EXPECT_TRUE(is_bot({"dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"}));
    EXPECT_TRUE(is_bot({"Renovate Bot", "bot@renovateapp.com"}));
    EXPECT_FALSE(is_bot({"Abbot Smith", "abbot@example.org"}));
}

TEST(Identities, Errors) {
    auto expect_error = [](const std::string& text, const std::string& needle) {
        auto r = Identities::read(text, "ids.yml");
        ASSERT_FALSE(r) << text;
        EXPECT_NE(r.error().message.find(needle), std::string::npos) << r.error().message;
    };
    expect_error("people: x\n", "ids.yml:1: people is a list");
    expect_error("people:\n  - name: A\n", "needs at least one email");
    expect_error("people:\n  - emails: [a@x]\n    organizations:\n      - {name: X, from: soon}\n",
                 "ids.yml:4: 'soon' is not a date");
    expect_error("people:\n  - emails: [a@x]\n    organizations:\n      - {from: 2024-01-01}\n",
                 "needs its name");
    expect_error("teams: []\n", "unknown key 'teams'");
    expect_error("domains: [a]\n", "domains maps");
    EXPECT_TRUE(Identities::read("", "ids.yml"));
}

} // namespace

namespace {

TEST(OpenRank, OneMonthByHand) {
    // One repository, one month: A 3 commits, B 1. Shares: A and B send all to R; R sends 3/4
    // to A and 1/4 to B. The fixed point of A = .5 + .5 (3/4 R), B = .5 + .5 (1/4 R),
    // R = .3 + .7 (A + B) is R = 1/0.65, A = .5 + .375 R, B = .5 + .125 R.
    History h;
    h.repository = "r";
    for (int i = 0; i < 3; ++i)
        h.commits.push_back(commit("Ann A", "a@x.example", k_2024 + i * k_day));
    h.commits.push_back(commit("Bob B", "b@x.example", k_2024 + 5 * k_day));
    auto people = identify({&h}, nullptr);
    auto rank = compute_openrank({&h}, people);
    double r = 1 / 0.65;
    ASSERT_EQ(rank.months, (std::vector<std::string>{"2024-01"}));
    EXPECT_NEAR(rank.latest[0], 0.5 + 0.375 * r, 0.01);
    EXPECT_NEAR(rank.latest[1], 0.5 + 0.125 * r, 0.01);
    EXPECT_NEAR(rank.repository_latest[0], r, 0.01);
    // A month later only Bob commits: Ann keeps 85% of her value.
    h.commits.push_back(commit("Bob B", "b@x.example", k_2024 + 40 * k_day));
    people = identify({&h}, nullptr);
    rank = compute_openrank({&h}, people);
    ASSERT_EQ(rank.months.size(), 2u);
    std::size_t ann = people.contributors[0].name == "Ann A" ? 0 : 1;
    EXPECT_NEAR(rank.latest[ann], 0.85 * (0.5 + 0.375 * r), 0.01);
}

} // namespace

namespace {

TEST(Metrics, TimeToFirstContributionOfNewcomers) {
    History h;
    h.repository = "repo";
    auto landed = [](Commit c, std::int64_t wait) {
        c.commit_time = c.time + wait;
        return c;
    };
    // Ann's first patch waited two days to land, her second none; Bo's first waited 12 hours
    // (in Q2); the bot's wait is not a newcomer's.
    add(h, landed(commit("Ann Lee", "ann@example.org", k_2024 + 5 * k_day), 0));
    add(h, landed(commit("Ann Lee", "ann@example.org", k_2024), 2 * k_day));
    add(h, landed(commit("Bo Chen", "bo@example.org", k_2024 + 100 * k_day), k_day / 2));
    add(h, landed(commit("dependabot[bot]", "bot@example.org", k_2024), 30 * k_day));
    auto people = identify({&h}, nullptr);
    auto m = compute_metrics({&h}, people, Period::quarter);
    EXPECT_DOUBLE_EQ(m.whole.time_to_first_contribution_days, 1.25);
    ASSERT_EQ(m.periods.size(), 2u);
    EXPECT_DOUBLE_EQ(m.periods[0].time_to_first_contribution_days, 2);
    EXPECT_DOUBLE_EQ(m.periods[1].time_to_first_contribution_days, 0.5);
}

} // namespace

namespace {

// The contributor-file graph, one month, worked out by hand: Ann changed f once; Bo changed f
// and g once each. Fixed point: A = .5 + .5(f/2), B = .5 + .5(f/2 + g), f = .3 + .7(A + B/2),
// g = .3 + .7(B/2), so f = 1.28767, A = 0.82192, B = 1.17808 (A + B = 2: value is conserved).
TEST(OpenRank, ContributorFileGraphByHand) {
    History h;
    h.repository = "repo";
    add(h, commit("Ann Lee", "ann@example.org", k_2024, "f.c"));
    Commit both = commit("Bo Chen", "bo@example.org", k_2024 + k_day, "f.c");
    both.files.push_back({"g.c", 1, 0, false});
    add(h, both);
    h.lines.touch("2024-01", author_key({"Ann Lee", "ann@example.org"}), "f.c");
    h.lines.touch("2024-01", author_key({"Bo Chen", "bo@example.org"}), "f.c");
    h.lines.touch("2024-01", author_key({"Bo Chen", "bo@example.org"}), "g.c");
    auto people = identify({&h}, nullptr);
    auto r = compute_openrank({&h}, people);
    ASSERT_EQ(r.file_latest.size(), 2u);
    std::size_t ann = people.contributors[0].name == "Ann Lee" ? 0 : 1;
    EXPECT_NEAR(r.file_latest[ann], 0.82192, 0.005);
    EXPECT_NEAR(r.file_latest[1 - ann], 1.17808, 0.005);
    // On the contributor-repository graph both made one commit: equal.
    EXPECT_NEAR(r.latest[0], r.latest[1], 1e-9);
}

} // namespace
