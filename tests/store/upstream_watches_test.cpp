// Upstream watches in the store (SQLite and PostgreSQL): validation and team visibility; a due
// watch is taken by one claimant only, however many ask; a check's new releases are kept and
// those newer than the packaged version announced once; a failed check keeps what was known.
#include "store_fixture.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

namespace kaiyuan::store {
namespace {

class UpstreamWatchesTest : public StoreTest {
protected:
    UpstreamWatch watch(const std::string& project_uuid, std::string name = "zlib") {
        UpstreamWatch w;
        w.name = std::move(name);
        w.packaged = "1.2.13";
        w.interval_seconds = 3600;
        w.description = R"({"versionControl":"github","srcRepo":"madler/zlib","tagPrefix":"^v"})";
        auto made = store->create_watch(Access::local_admin(), project_uuid, w);
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : UpstreamWatch{};
    }

    /// A webhook of every project and event, so that announcements reach the outbox.
    void hook_all() {
        Webhook h;
        h.url = "http://127.0.0.1:9/hook";
        ASSERT_TRUE(store->create_webhook(Access::local_admin(), h));
    }

    std::size_t queued(const std::string& event) {
        auto rows = store->with_connection([&](Connection& c) {
            return c.query("SELECT count(*) FROM outbox WHERE event = $1", {event});
        });
        EXPECT_TRUE(rows);
        return rows ? static_cast<std::size_t>(rows->front().integer(0)) : 0;
    }
};

TEST_P(UpstreamWatchesTest, ValidatedAndSeenByTheProjectsTeams) {
    Project p = make_project("distro", "24.03");
    UpstreamWatch w = watch(p.uuid);
    EXPECT_EQ(w.project_uuid, p.uuid);
    EXPECT_FALSE(w.next_check_at.empty());
    UpstreamWatch again;
    again.name = "zlib";
    again.description = "{}";
    auto twice = store->create_watch(Access::local_admin(), p.uuid, again);
    ASSERT_FALSE(twice);
    EXPECT_EQ(kind_of(twice.error()), ErrorKind::conflict);
    again.name = "other";
    again.interval_seconds = 10;
    auto fast = store->create_watch(Access::local_admin(), p.uuid, again);
    ASSERT_FALSE(fast);
    EXPECT_EQ(kind_of(fast.error()), ErrorKind::invalid);

    auto key = store->create_key("strangers", {Permission::read, Permission::upload}, "");
    ASSERT_TRUE(key);
    auto stranger = store->authenticate(key->key);
    ASSERT_TRUE(stranger);
    auto hidden = store->get_watch(*stranger, w.uuid);
    ASSERT_FALSE(hidden);
    EXPECT_EQ(kind_of(hidden.error()), ErrorKind::not_found);
    EXPECT_FALSE(store->delete_watch(*stranger, w.uuid));
    EXPECT_FALSE(store->project_watches(*stranger, p.uuid));
    auto listed = store->project_watches(Access::local_admin(), p.uuid);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    ASSERT_TRUE(store->delete_watch(Access::local_admin(), w.uuid));
    EXPECT_FALSE(store->get_watch(Access::local_admin(), w.uuid));
}

TEST_P(UpstreamWatchesTest, ADueWatchIsTakenOnce) {
    Project p = make_project("distro", "24.03");
    for (int i = 0; i < 20; ++i)
        watch(p.uuid, "pkg" + std::to_string(i));
    // Four claimants at once, as four servers on one store: each watch goes to one of them.
    std::atomic<std::size_t> taken{0};
    std::vector<std::thread> claimants;
    for (int t = 0; t < 4; ++t)
        claimants.emplace_back([&] {
            auto got = store->claim_due_watches(util::utc_from_now(1), 100);
            ASSERT_TRUE(got) << got.error().message;
            taken += got->size();
        });
    for (auto& t : claimants)
        t.join();
    EXPECT_EQ(taken.load(), 20u);
    auto later = store->claim_due_watches(util::utc_from_now(1), 100);
    ASSERT_TRUE(later);
    EXPECT_TRUE(later->empty()) << "each moved an hour on";
}

TEST_P(UpstreamWatchesTest, NewReleasesKeptAndAnnouncedOnce) {
    Project p = make_project("distro", "24.03");
    hook_all();
    UpstreamWatch w = watch(p.uuid);
    auto due = store->claim_due_watches(util::utc_from_now(1), 10);
    ASSERT_TRUE(due);
    ASSERT_EQ(due->size(), 1u);
    UpstreamCheckResult r;
    r.releases = {{"1.2.13", "v1.2.13", "2022-10-13", ""}, {"1.3", "v1.3", "2023-08-18", ""}};
    r.newest = "1.3";
    r.standing = "behind";
    r.newer_than_packaged = {"1.3"};
    auto first = store->record_watch_check(due->front(), r, util::utc_now());
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(*first, std::vector<std::string>{"1.3"});
    auto second = store->record_watch_check(due->front(), r, util::utc_now());
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->empty());
    EXPECT_EQ(queued("upstream.release"), 1u);

    UpstreamCheckResult failed;
    failed.error = "HTTP 500";
    ASSERT_TRUE(store->record_watch_check(due->front(), failed, util::utc_now()));
    auto seen = store->get_watch(Access::local_admin(), w.uuid);
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->first.newest, "1.3");
    EXPECT_EQ(seen->first.last_error, "HTTP 500");
    EXPECT_EQ(seen->second.size(), 2u);

    r.releases.push_back({"1.3.1", "v1.3.1", "2024-01-22", ""});
    r.newest = "1.3.1";
    r.newer_than_packaged = {"1.3", "1.3.1"};
    auto third = store->record_watch_check(due->front(), r, util::utc_now());
    ASSERT_TRUE(third);
    EXPECT_EQ(*third, std::vector<std::string>{"1.3.1"});
    EXPECT_EQ(queued("upstream.release"), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, UpstreamWatchesTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

} // namespace
} // namespace kaiyuan::store
