// People, teams and sessions in the store, on both backends: Argon2id kept and never the
// password, sessions kept as hashes and ended by sign-out, a new password or a disabled account,
// the union of teams' permissions, and a user seeing what any of their teams sees.
#include "store_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>

// Designated initializers name only the fields a project sets; the rest are empty on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace kaiyuan::store {
namespace {

TEST_P(StoreTest, UsersSignInWithArgon2idAndSessionsAreKeptAsHashes) {
    ASSERT_TRUE(store->put_team("readers", {Permission::read}));
    ASSERT_TRUE(store->put_team("triagers", {Permission::triage}));
    auto made = store->create_user("ann", "ann's secret password", {"readers", "triagers"});
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->teams, (std::vector<std::string>{"readers", "triagers"}));
    EXPECT_EQ(made->permissions, (std::vector<std::string>{"read", "triage"}));
    EXPECT_EQ(kind_of(store->create_user("ann", "another password", {}).error()),
              ErrorKind::conflict);
    EXPECT_EQ(kind_of(store->create_user("bob", "short", {}).error()), ErrorKind::invalid);
    EXPECT_EQ(kind_of(store->create_user("bob", "long enough", {"nope"}).error()),
              ErrorKind::not_found);
    EXPECT_EQ(kind_of(store->create_user("a/b", "long enough", {}).error()), ErrorKind::invalid);

    auto rows = store->with_connection(
        [](Connection& c) { return c.query("SELECT password_hash FROM users"); });
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_TRUE(rows->front().text(0).starts_with("$argon2id$"));
    EXPECT_EQ(rows->front().text(0).find("ann's secret password"), std::string::npos);

    EXPECT_FALSE(store->sign_in("ann", "wrong password"));
    EXPECT_FALSE(store->sign_in("nobody", "ann's secret password"));
    auto s1 = store->sign_in("ann", "ann's secret password");
    ASSERT_TRUE(s1) << s1.error().message;
    auto s2 = store->sign_in("ann", "ann's secret password");
    ASSERT_TRUE(s2);
    EXPECT_NE(s1->token, s2->token);
    EXPECT_NE(s1->csrf_token, s2->csrf_token);
    auto tokens = store->with_connection(
        [](Connection& c) { return c.query("SELECT token_sha256 FROM sessions"); });
    ASSERT_TRUE(tokens);
    for (const auto& r : *tokens) {
        EXPECT_EQ(r.text(0).find(s1->token), std::string::npos);
        EXPECT_EQ(r.text(0).size(), 64u);
    }

    auto a = store->session(s1->token);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->access.user, "ann");
    EXPECT_EQ(a->access.actor(), "ann");
    EXPECT_TRUE(a->access.has(Permission::read));
    EXPECT_TRUE(a->access.has(Permission::triage));
    EXPECT_FALSE(a->access.has(Permission::upload));
    EXPECT_FALSE(a->access.admin());
    EXPECT_EQ(a->csrf_token, s1->csrf_token);
    EXPECT_FALSE(store->session("kys_not-a-session"));
    EXPECT_FALSE(store->session(s1->token + "x"));

    ASSERT_TRUE(store->sign_out(s1->token));
    EXPECT_FALSE(store->session(s1->token));
    EXPECT_TRUE(store->session(s2->token));

    // A new password ends every session; the old password no longer signs in.
    UserChange change;
    change.password = "ann's new password";
    ASSERT_TRUE(store->update_user("ann", change));
    EXPECT_FALSE(store->session(s2->token));
    EXPECT_FALSE(store->sign_in("ann", "ann's secret password"));
    auto s3 = store->sign_in("ann", "ann's new password");
    ASSERT_TRUE(s3);
    // Disabling ends sessions and refuses sign-in; enabling lets her in again.
    UserChange off;
    off.disabled = true;
    auto disabled = store->update_user("ann", off);
    ASSERT_TRUE(disabled);
    EXPECT_FALSE(disabled->disabled_at.empty());
    EXPECT_FALSE(store->session(s3->token));
    EXPECT_FALSE(store->sign_in("ann", "ann's new password"));
    UserChange on;
    on.disabled = false;
    ASSERT_TRUE(store->update_user("ann", on));
    EXPECT_TRUE(store->sign_in("ann", "ann's new password"));

    // Team permissions change what her sessions get at once.
    auto s4 = store->sign_in("ann", "ann's new password");
    ASSERT_TRUE(s4);
    ASSERT_TRUE(store->put_team("triagers", {Permission::triage, Permission::upload}));
    EXPECT_TRUE(store->session(s4->token)->access.has(Permission::upload));
    UserChange teams;
    teams.teams = std::vector<std::string>{"readers"};
    ASSERT_TRUE(store->update_user("ann", teams));
    EXPECT_FALSE(store->session(s4->token)->access.has(Permission::triage));

    auto listed = store->list_teams();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].name, "readers");
    EXPECT_EQ((*listed)[0].members, (std::vector<std::string>{"ann"}));
    EXPECT_TRUE((*listed)[1].members.empty());
    ASSERT_TRUE(store->delete_user("ann"));
    EXPECT_FALSE(store->session(s4->token));
    EXPECT_EQ(kind_of(store->delete_user("ann").error()), ErrorKind::not_found);
    ASSERT_TRUE(store->delete_team("triagers"));
    EXPECT_EQ(kind_of(store->delete_team("triagers").error()), ErrorKind::not_found);
}

TEST_P(StoreTest, RepeatedFailedSignInsAreThrottledUntilANewPassword) {
    ASSERT_TRUE(store->create_user("kim", "kim's password", {}));
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(kind_of(store->sign_in("kim", "guess " + std::to_string(i)).error()),
                  ErrorKind::not_found);
    // Four failures are forgiven by a success.
    ASSERT_TRUE(store->sign_in("kim", "kim's password"));
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(kind_of(store->sign_in("kim", "guess " + std::to_string(i)).error()),
                  ErrorKind::not_found);
    // The fifth in a row throttles: even the right password waits now.
    auto refused = store->sign_in("kim", "kim's password");
    ASSERT_FALSE(refused);
    EXPECT_EQ(kind_of(refused.error()), ErrorKind::invalid);
    EXPECT_TRUE(message_of(refused.error()).starts_with(k_throttled)) << refused.error().message;
    // Other users are not touched; an administrator's new password lifts it.
    ASSERT_TRUE(store->create_user("lee", "lee's password", {}));
    EXPECT_TRUE(store->sign_in("lee", "lee's password"));
    UserChange change;
    change.password = "kim's new password";
    ASSERT_TRUE(store->update_user("kim", change));
    EXPECT_TRUE(store->sign_in("kim", "kim's new password"));
}

TEST_P(StoreTest, AUserSeesWhatAnyOfTheirTeamsSees) {
    ASSERT_TRUE(store->put_team("red", {Permission::read}));
    ASSERT_TRUE(store->put_team("blue", {Permission::read}));
    ASSERT_TRUE(store->put_team("green", {Permission::read}));
    Access admin = Access::local_admin();
    auto red = store->create_project(admin, {.name = "red-app", .version = "1"});
    auto blue =
        store->create_project(admin, {.name = "blue-app", .version = "1", .tags = {"blue"}});
    auto green = store->create_project(admin, {.name = "green-app", .version = "1"});
    ASSERT_TRUE(red && blue && green);
    ASSERT_TRUE(store->grant_project("red", red->uuid));
    ASSERT_TRUE(store->grant_tag("blue", "blue"));
    ASSERT_TRUE(store->grant_project("green", green->uuid));
    ASSERT_TRUE(store->create_user("pat", "pat's password", {"red", "blue"}));
    auto s = store->sign_in("pat", "pat's password");
    ASSERT_TRUE(s);
    auto a = store->session(s->token);
    ASSERT_TRUE(a);
    auto page = store->list_projects(a->access, {});
    ASSERT_TRUE(page) << page.error().message;
    std::vector<std::string> names;
    for (const auto& p : page->items)
        names.push_back(p.name);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"blue-app", "red-app"}));
    EXPECT_FALSE(store->get_project(a->access, green->uuid));
    // What pat creates is granted to pat's first team.
    auto mine = store->create_project(a->access, {.name = "pats-app", .version = "1"});
    ASSERT_TRUE(mine) << mine.error().message;
    EXPECT_TRUE(store->get_project(a->access, mine->uuid));
}

} // namespace
} // namespace kaiyuan::store
