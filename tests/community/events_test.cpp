// Issues and change requests from forge exports (the shapes of GitHub's REST API v3 and Gitee's
// API v5 responses, fields as their documentation lists them), and the CHAOSS metrics and
// OpenDigger activity computed from them, checked by hand.
#include "kaiyuan/community/change_requests.hpp"
#include "kaiyuan/community/events.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace kaiyuan::community;

namespace {

constexpr const char* github_pulls = R"([
 {"url": "https://api.github.com/repos/o/r/pulls/1", "html_url": "https://github.com/o/r/pull/1",
  "number": 1, "state": "closed", "title": "fix", "user": {"login": "alice", "type": "User"},
  "created_at": "2024-01-01T00:00:00Z", "closed_at": "2024-01-02T00:00:00Z",
  "merged_at": "2024-01-02T00:00:00Z", "head": {"ref": "fix"}, "base": {"ref": "main"}},
 {"url": "https://api.github.com/repos/o/r/pulls/2", "html_url": "https://github.com/o/r/pull/2",
  "number": 2, "state": "closed", "title": "nope", "user": {"login": "bob", "type": "User"},
  "created_at": "2024-01-03T00:00:00Z", "closed_at": "2024-01-05T00:00:00Z",
  "merged_at": null, "head": {"ref": "x"}, "base": {"ref": "main"}}
][
 {"url": "https://api.github.com/repos/o/r/pulls/3", "html_url": "https://github.com/o/r/pull/3",
  "number": 3, "state": "open", "title": "wip", "user": {"login": "bob", "type": "User"},
  "created_at": "2024-01-10T00:00:00Z", "closed_at": null, "merged_at": null,
  "head": {"ref": "y"}, "base": {"ref": "main"}}
])";

// /issues lists pull requests too (with "pull_request"): the same thread as /pulls gives.
constexpr const char* github_issues = R"([
 {"url": "https://api.github.com/repos/o/r/issues/1", "number": 1, "state": "closed",
  "title": "fix", "user": {"login": "alice"}, "created_at": "2024-01-01T00:00:00Z",
  "closed_at": "2024-01-02T00:00:00Z",
  "pull_request": {"url": "https://api.github.com/repos/o/r/pulls/1",
                   "merged_at": "2024-01-02T00:00:00Z"}},
 {"url": "https://api.github.com/repos/o/r/issues/4", "number": 4, "state": "closed",
  "title": "crash", "user": {"login": "carol"}, "created_at": "2024-01-01T00:00:00Z",
  "closed_at": "2024-01-04T00:00:00Z", "comments": 2}
])";

constexpr const char* github_responses = R"([
 {"issue_url": "https://api.github.com/repos/o/r/issues/1", "user": {"login": "alice"},
  "created_at": "2024-01-01T01:00:00Z", "body": "the author's own note"},
 {"issue_url": "https://api.github.com/repos/o/r/issues/1",
  "user": {"login": "ci-helper[bot]", "type": "Bot"}, "created_at": "2024-01-01T01:30:00Z"},
 {"issue_url": "https://api.github.com/repos/o/r/issues/1", "user": {"login": "bob"},
  "created_at": "2024-01-01T02:00:00Z"},
 {"issue_url": "https://api.github.com/repos/o/r/issues/4", "user": {"login": "alice"},
  "created_at": "2024-01-01T06:00:00Z"},
 {"pull_request_url": "https://api.github.com/repos/o/r/pulls/1", "user": {"login": "bob"},
  "state": "APPROVED", "submitted_at": "2024-01-01T03:00:00Z", "commit_id": "abc"},
 {"pull_request_url": "https://api.github.com/repos/o/r/pulls/1", "user": {"login": "dave"},
  "state": "PENDING", "commit_id": "abc"},
 {"pull_request_url": "https://api.github.com/repos/o/r/pulls/2", "user": {"login": "alice"},
  "diff_hunk": "@@ -1 +1 @@", "path": "a.c", "pull_request_review_id": 7,
  "created_at": "2024-01-04T00:00:00Z"}
])";

constexpr const char* gitee = R"([
 {"url": "https://gitee.com/api/v5/repos/src-openeuler/zlib/pulls/5",
  "html_url": "https://gitee.com/src-openeuler/zlib/pulls/5", "number": 5, "state": "merged",
  "user": {"login": "wang"}, "created_at": "2024-03-01T10:00:00+08:00",
  "closed_at": "2024-03-01T14:00:00+08:00", "merged_at": "2024-03-01T14:00:00+08:00"},
 {"html_url": "https://gitee.com/src-openeuler/zlib/issues/I9ABCD", "number": "I9ABCD",
  "state": "closed", "title": "CVE-2023-45853", "user": {"login": "li"},
  "created_at": "2024-03-02T08:00:00+08:00", "finished_at": "2024-03-04T08:00:00+08:00"},
 {"id": 1, "body": "looking", "user": {"login": "wang"}, "created_at": "2024-03-02T09:00:00+08:00",
  "target": {"issue": {"id": 99, "number": "I9ABCD", "title": "CVE-2023-45853"}}}
]
)";

TEST(Events, ParsesForgeTimes) {
    EXPECT_EQ(parse_forge_time("2011-01-26T19:01:12Z"), 1296068472);
    EXPECT_EQ(parse_forge_time("2021-01-20T10:44:40+08:00"),
              parse_forge_time("2021-01-20T02:44:40Z"));
    EXPECT_EQ(parse_forge_time("2021-01-20T10:44:40-0130"),
              parse_forge_time("2021-01-20T12:14:40Z"));
    EXPECT_EQ(parse_forge_time("2024-02-29T00:00:00.123Z"), 1709164800);
    EXPECT_EQ(parse_forge_time("2024-13-01T00:00:00Z"), -1);
    EXPECT_EQ(parse_forge_time("2024-01-01T00:00:00"), -1) << "no zone: no instant";
    EXPECT_EQ(parse_forge_time("2024-01-01T00:00:00Zjunk"), -1);
    EXPECT_EQ(parse_forge_time(""), -1);
}

TEST(Events, ReadsGitHubExportsAndJoinsThem) {
    Events e;
    ASSERT_TRUE(read_events(github_pulls, "pulls.json", e));
    ASSERT_TRUE(read_events(github_issues, "issues.json", e));
    ASSERT_TRUE(read_events(github_responses, "responses.json", e));
    ASSERT_EQ(e.threads.size(), 4u) << "pull 1 from /pulls and /issues is one thread";
    EXPECT_EQ(e.threads[0].key, "o/r#1");
    EXPECT_TRUE(e.threads[0].change_request);
    EXPECT_FALSE(e.threads[3].change_request);
    EXPECT_EQ(e.responses.size(), 6u);
    ASSERT_EQ(e.diagnostics.size(), 1u) << "the pending review";
    EXPECT_NE(e.diagnostics[0].message.find("not submitted"), std::string::npos);
    EXPECT_EQ(e.diagnostics[0].location.path, "responses.json");

    auto m = change_request_metrics(e, 0, 0);
    EXPECT_EQ(m.change_requests, 3u);
    EXPECT_EQ(m.accepted, 1u);
    EXPECT_EQ(m.declined, 1u);
    EXPECT_DOUBLE_EQ(m.acceptance_ratio, 0.5);
    EXPECT_DOUBLE_EQ(m.median_hours_to_merge, 24);
    // Pull 1: alice's own note and the bot do not count; bob answered after 2 hours. Pull 2
    // (alice's code comment after a day) and pull 3 (none): median of 2 and 24.
    EXPECT_DOUBLE_EQ(m.median_hours_to_first_response, 13);
    EXPECT_EQ(m.unanswered_change_requests, 1u);
    EXPECT_DOUBLE_EQ(m.mean_reviews, 0.5) << "one review on pull 1, none on pull 2";
    EXPECT_EQ(m.issues, 1u);
    EXPECT_EQ(m.issues_closed, 1u);
    EXPECT_DOUBLE_EQ(m.median_hours_to_first_response_issues, 6);
    EXPECT_DOUBLE_EQ(m.median_days_to_close_issues, 3);
    // OpenDigger's activity, all in January 2024: alice opened and merged pull 1, wrote two
    // issue comments and a review comment.
    const Participant* alice = nullptr;
    for (const auto& p : m.participants)
        if (p.login == "alice") alice = &p;
    ASSERT_NE(alice, nullptr);
    EXPECT_NEAR(alice->activity, std::sqrt(4.0679 + 2.0339 + 2 * 0.5252 + 0.7427), 1e-9);
    EXPECT_TRUE(m.participants.back().bot || m.participants.back().login == "carol");
    double people = 0;
    for (const auto& p : m.participants)
        if (!p.bot) people += p.activity;
    EXPECT_NEAR(m.activity, people, 1e-9);

    // A window: only what happened in it.
    auto later = change_request_metrics(e, parse_forge_time("2024-01-03T00:00:00Z"), 0);
    EXPECT_EQ(later.change_requests, 2u);
    EXPECT_EQ(later.accepted, 0u);
    EXPECT_EQ(later.declined, 1u);
}

TEST(Events, ReadsGiteeExports) {
    Events e;
    ASSERT_TRUE(read_events(gitee, "gitee.json", e));
    EXPECT_TRUE(e.diagnostics.empty());
    ASSERT_EQ(e.threads.size(), 2u);
    EXPECT_EQ(e.threads[0].key, "src-openeuler/zlib#5");
    EXPECT_EQ(e.threads[1].key, "src-openeuler/zlib#I9ABCD");
    ASSERT_EQ(e.responses.size(), 1u);
    EXPECT_EQ(e.responses[0].thread, "src-openeuler/zlib#I9ABCD") << "joined by its number";
    auto m = change_request_metrics(e, 0, 0);
    EXPECT_EQ(m.accepted, 1u);
    EXPECT_DOUBLE_EQ(m.median_hours_to_merge, 4);
    EXPECT_DOUBLE_EQ(m.median_hours_to_first_response_issues, 1);
    EXPECT_DOUBLE_EQ(m.median_days_to_close_issues, 2);
}

TEST(Events, BadInputIsNamedAndTheRestRead) {
    Events e;
    auto bad = read_events("[{\"number\": 1,", "broken.json", e);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("broken.json"), std::string::npos);
    EXPECT_FALSE(read_events("not json", "text.json", e));
    ASSERT_TRUE(read_events(R"([
        {"number": 9, "created_at": "2024-01-01T00:00:00Z",
         "html_url": "https://github.com/o/r/issues/9"},
        {"number": 10, "created_at": "yesterday", "user": {"login": "x"},
         "html_url": "https://github.com/o/r/issues/10"},
        {"stars": 3}, 42,
        {"number": 11, "created_at": "2024-01-01T00:00:00Z", "user": {"login": "x"},
         "html_url": "https://github.com/o/r/issues/11"}])",
                            "mixed.json", e));
    EXPECT_EQ(e.threads.size(), 1u);
    ASSERT_EQ(e.diagnostics.size(), 4u);
    EXPECT_NE(e.diagnostics[0].message.find("no author"), std::string::npos);
    EXPECT_NE(e.diagnostics[1].message.find("created_at"), std::string::npos);
    EXPECT_NE(e.diagnostics[2].message.find("item 3"), std::string::npos);
    EXPECT_NE(e.diagnostics[3].message.find("not an object"), std::string::npos);
    EXPECT_TRUE(read_events("", "empty.json", e));
}

TEST(Events, GitHubLoginsOfNoreplyEmails) {
    EXPECT_EQ(github_login_of_email("12345+octocat@users.noreply.github.com"), "octocat");
    EXPECT_EQ(github_login_of_email("octocat@users.noreply.github.com"), "octocat");
    EXPECT_EQ(github_login_of_email("octocat@example.org"), "");
    EXPECT_EQ(github_login_of_email("@users.noreply.github.com"), "");
}

} // namespace
