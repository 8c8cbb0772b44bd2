// The store's conformance suite: the same tests against SQLite (always) and PostgreSQL (when
// KAIYUAN_TEST_POSTGRES names a server, as .ci/run arranges with tools/start-postgres.sh).
#include "store_fixture.hpp"

#include "kaiyuan/jobs/sbom_upload.hpp"
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <gtest/gtest.h>

// Designated initializers name only the fields a query sets; the rest are empty on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

namespace kaiyuan::store {
namespace {

const std::string k_sha = "a3f1b0c0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6";

TEST_P(StoreTest, MigrationsApplyOnceAndReopen) {
    EXPECT_EQ(store->schema_version(), 5);
    store.reset();
    auto again = Store::open(m_url);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ((*again)->schema_version(), 5);
}

TEST_P(StoreTest, KeysAuthenticateUntilRevokedAndStoreOnlyAHash) {
    auto k = store->create_key("ci", {Permission::upload, Permission::read}, "pipeline");
    ASSERT_TRUE(k) << k.error().message;
    EXPECT_TRUE(k->key.starts_with("ky_" + k->info.id + "_"));
    auto a = store->authenticate(k->key);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->team, "ci");
    EXPECT_TRUE(a->has(Permission::upload));
    EXPECT_TRUE(a->has(Permission::read));
    EXPECT_FALSE(a->has(Permission::admin));
    EXPECT_FALSE(a->has(Permission::triage));
    // The secret is nowhere in the database. (It follows the id's underscore; base64url may hold
    // underscores of its own, so the last one does not mark it.)
    std::string secret = k->key.substr(("ky_" + k->info.id + "_").size());
    EXPECT_GE(secret.size(), 32u);
    auto rows = store->with_connection(
        [](Connection& c) { return c.query("SELECT secret_sha256 FROM api_keys"); });
    ASSERT_TRUE(rows);
    for (const auto& r : *rows)
        EXPECT_EQ(r.text(0).find(secret), std::string::npos);
    // A wrong secret, a malformed key and an unknown id are refused alike.
    std::string wrong = k->key;
    wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
    EXPECT_FALSE(store->authenticate(wrong));
    EXPECT_FALSE(store->authenticate("nonsense"));
    EXPECT_FALSE(store->authenticate("ky_000000000000_x"));
    ASSERT_TRUE(store->revoke_key(k->info.id));
    auto revoked = store->authenticate(k->key);
    ASSERT_FALSE(revoked);
    EXPECT_EQ(kind_of(revoked.error()), ErrorKind::not_found);
    EXPECT_FALSE(store->revoke_key(k->info.id)) << "revoking twice says there is no valid key";
    auto list = store->list_keys();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_FALSE((*list)[0].revoked_at.empty());
}

TEST_P(StoreTest, ProjectsCreateUpdateListAndDelete) {
    auto a = make_project("app", "1.0");
    EXPECT_TRUE(util::is_uuid(a.uuid));
    auto dup =
        store->create_project(Access::local_admin(), Project{.name = "app", .version = "1.0"});
    ASSERT_FALSE(dup);
    EXPECT_EQ(kind_of(dup.error()), ErrorKind::conflict);
    for (int i = 0; i < 25; ++i)
        make_project("lib-" + std::to_string(100 + i), "2");
    Project changed = a;
    changed.description = "the app";
    changed.tags = {"Team-A", "prod"};
    changed.is_latest = true;
    auto updated = store->update_project(Access::local_admin(), a.uuid, changed);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated->description, "the app");
    EXPECT_EQ(updated->tags, (std::vector<std::string>{"prod", "team-a"}));
    EXPECT_TRUE(updated->is_latest);

    // Cursor pages visit every project once, in name order.
    ProjectFilter f;
    f.limit = 10;
    std::vector<std::string> seen;
    for (int pages = 0; pages < 10; ++pages) {
        auto page = store->list_projects(Access::local_admin(), f);
        ASSERT_TRUE(page) << page.error().message;
        EXPECT_EQ(page->total, 26);
        for (const auto& p : page->items)
            seen.push_back(p.name);
        if (page->next_cursor.empty()) break;
        f.cursor = page->next_cursor;
    }
    ASSERT_EQ(seen.size(), 26u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 26u);

    ProjectFilter by_prefix;
    by_prefix.name_prefix = "lib-11";
    auto prefixed = store->list_projects(Access::local_admin(), by_prefix);
    ASSERT_TRUE(prefixed);
    EXPECT_EQ(prefixed->total, 10);
    ProjectFilter by_tag;
    by_tag.tag = "PROD";
    auto tagged = store->list_projects(Access::local_admin(), by_tag);
    ASSERT_TRUE(tagged);
    ASSERT_EQ(tagged->items.size(), 1u);
    EXPECT_EQ(tagged->items[0].uuid, a.uuid);
    ProjectFilter bad;
    bad.cursor = "!!";
    auto refused = store->list_projects(Access::local_admin(), bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(kind_of(refused.error()), ErrorKind::invalid);

    ASSERT_TRUE(store->delete_project(Access::local_admin(), a.uuid));
    EXPECT_FALSE(store->get_project(Access::local_admin(), a.uuid));
}

TEST_P(StoreTest, TeamsSeeOnlyGrantedProjectsByProjectOrTag) {
    auto alpha_key = store->create_key("alpha", {Permission::read, Permission::upload}, "");
    auto beta_key = store->create_key("beta", {Permission::read}, "");
    ASSERT_TRUE(alpha_key && beta_key);
    Access alpha = *store->authenticate(alpha_key->key), beta = *store->authenticate(beta_key->key);
    // An upload's auto-created project belongs to the uploader's team.
    auto mine = store->project_for_upload(alpha, "alpha-app", "1", true, "", "");
    ASSERT_TRUE(mine) << mine.error().message;
    EXPECT_TRUE(store->get_project(alpha, mine->uuid));
    auto hidden = store->get_project(beta, mine->uuid);
    ASSERT_FALSE(hidden);
    EXPECT_EQ(kind_of(hidden.error()), ErrorKind::not_found)
        << "a hidden project is not found, not forbidden";
    auto listed = store->list_projects(beta, {});
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->total, 0);
    upload(*mine, cyclonedx({{"pkg:npm/left-pad@1.3.0", "left-pad", "1.3.0", "MIT", ""}}));
    ComponentQuery q;
    q.purl = "pkg:npm/left-pad";
    EXPECT_EQ(store->search_components(beta, q)->total, 0);
    EXPECT_EQ(store->search_components(alpha, q)->total, 1);
    EXPECT_FALSE(store->project_components(beta, mine->uuid, 10, 0));
    EXPECT_FALSE(store->list_sboms(beta, mine->uuid));

    // By tag: every project with it, including those tagged later.
    ASSERT_TRUE(store->grant_tag("beta", "shared"));
    Project tagged = *mine;
    tagged.tags = {"shared"};
    ASSERT_TRUE(store->update_project(Access::local_admin(), mine->uuid, tagged));
    EXPECT_TRUE(store->get_project(beta, mine->uuid));
    EXPECT_EQ(store->search_components(beta, q)->total, 1);
    // By project.
    auto other = make_project("other", "1");
    EXPECT_FALSE(store->get_project(beta, other.uuid));
    ASSERT_TRUE(store->grant_project("beta", other.uuid));
    EXPECT_TRUE(store->get_project(beta, other.uuid));
    EXPECT_FALSE(store->grant_project("nobody", other.uuid));
}

TEST_P(StoreTest, UploadsKeepHistoryAndTheLatestPerSourceIsTheInventory) {
    auto p = make_project("svc", "2.0");
    upload(p,
           cyclonedx({{"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "log4j-core",
                       "2.14.1", "Apache-2.0", k_sha},
                      {"pkg:maven/org.slf4j/slf4j-api@1.7.36", "slf4j-api", "1.7.36", "MIT", ""}}),
           "app");
    upload(p,
           cyclonedx({{"pkg:deb/debian/libc6@2.36-9?arch=amd64", "libc6", "2.36-9", "LGPL-2.1-only",
                       ""}}),
           "image");
    auto first = store->list_sboms(Access::local_admin(), p.uuid);
    ASSERT_TRUE(first);
    ASSERT_EQ(first->size(), 2u);
    std::string t0 = first->front().uploaded_at;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    // A new app SBOM replaces the old app SBOM, not the image's.
    upload(p,
           cyclonedx({{"pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", "log4j-core",
                       "2.17.1", "Apache-2.0", ""}}),
           "app");
    auto now = store->project_components(Access::local_admin(), p.uuid, 100, 0);
    ASSERT_TRUE(now) << now.error().message;
    ASSERT_EQ(now->total, 2);
    std::set<std::string> versions;
    for (const auto& c : now->items)
        versions.insert(c.version);
    EXPECT_EQ(versions, (std::set<std::string>{"2.17.1", "2.36-9"}));
    // Back then, 2.14.1 and slf4j were there.
    auto then = store->project_components(Access::local_admin(), p.uuid, 100, 0, t0);
    ASSERT_TRUE(then) << then.error().message;
    EXPECT_EQ(then->total, 3);
    auto sboms = store->list_sboms(Access::local_admin(), p.uuid);
    ASSERT_EQ(sboms->size(), 3u);
    int current = 0;
    for (const auto& s : *sboms)
        current += s.is_current;
    EXPECT_EQ(current, 2);
    // The original bytes come back as they were sent.
    std::string doc = cyclonedx({{"pkg:npm/a@1.0.0", "a", "1.0.0", "", ""}});
    auto q = make_project("bytes", "1");
    upload(q, doc);
    auto list = store->list_sboms(Access::local_admin(), q.uuid);
    ASSERT_TRUE(list && list->size() == 1);
    EXPECT_EQ(*store->sbom_content(Access::local_admin(), (*list)[0].uuid), doc);
    EXPECT_EQ((*list)[0].format, "cyclonedx-json");
    EXPECT_EQ((*list)[0].spec_version, "1.6");
}

TEST_P(StoreTest, SearchByPurlPrefixNameHashAndVersRange) {
    auto a = make_project("a", "1"), b = make_project("b", "1");
    upload(a, cyclonedx({{"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "log4j-core",
                          "2.14.1", "Apache-2.0", k_sha},
                         {"pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1", "log4j-api",
                          "2.14.1", "", ""}}));
    upload(b, cyclonedx({{"pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1?type=jar",
                          "log4j-core", "2.17.1", "", ""},
                         {"pkg:maven/org.apache.logging.log4j/log4j-core@2.0-beta9", "log4j-core",
                          "2.0-beta9", "", ""}}));
    auto count = [&](ComponentQuery q) {
        auto r = store->search_components(Access::local_admin(), q);
        EXPECT_TRUE(r) << r.error().message;
        return r ? r->total : -1;
    };
    EXPECT_EQ(count({.purl = "pkg:maven/org.apache.logging.log4j/log4j-core"}), 3);
    EXPECT_EQ(count({.purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}), 1);
    EXPECT_EQ(count({.purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1?type=jar"}), 1);
    EXPECT_EQ(count({.purl_prefix = "pkg:maven/org.apache.logging.log4j/"}), 4);
    EXPECT_EQ(count({.name = "log4j-api"}), 1);
    EXPECT_EQ(count({.hash = "A3F1B0C0E1D2C3B4A5968778695A4B3C2D1E0F1A2B3C4D5E6F708192A3B4C5D6"}),
              1);
    // Log4Shell: >=2.0-beta9 and <2.15.0 (Maven's order: 2.0-beta9 < 2.0 < 2.14.1 < 2.15.0).
    EXPECT_EQ(count({.purl = "pkg:maven/org.apache.logging.log4j/log4j-core",
                     .vers = "vers:maven/>=2.0-beta9|<2.15.0"}),
              2);
    EXPECT_EQ(count({.purl = "pkg:maven/org.apache.logging.log4j/log4j-core",
                     .vers = "vers:maven/>=2.0.0|<2.17.1"}),
              1);
    EXPECT_EQ(
        count({.purl = "pkg:maven/org.apache.logging.log4j/log4j-core", .vers = "vers:maven/*"}),
        3);
    auto in_b = store->search_components(
        Access::local_admin(),
        {.purl = "pkg:maven/org.apache.logging.log4j/log4j-core", .project_uuid = b.uuid});
    ASSERT_TRUE(in_b);
    EXPECT_EQ(in_b->total, 2);
    for (const auto& c : in_b->items)
        EXPECT_EQ(c.project_name, "b");
    // Refusals say what is wrong.
    for (ComponentQuery q : {ComponentQuery{}, ComponentQuery{.purl = "maven:x"},
                             ComponentQuery{.purl = "pkg:maven/a/b", .vers = "vers:maven/>=x|<"},
                             ComponentQuery{.purl = "pkg:maven/a/b@1", .vers = "vers:maven/>=1"},
                             ComponentQuery{.vers = "vers:maven/>=1"}}) {
        auto r = store->search_components(Access::local_admin(), q);
        ASSERT_FALSE(r);
        EXPECT_EQ(kind_of(r.error()), ErrorKind::invalid) << r.error().message;
    }
}

TEST_P(StoreTest, DependencyEdgesLicensesAndDiff) {
    auto v1 = make_project("prod", "1"), v2 = make_project("prod", "2");
    upload(v1, cyclonedx({{"pkg:npm/express@4.17.1", "express", "4.17.1", "MIT", ""},
                          {"pkg:npm/debug@2.6.9", "debug", "2.6.9", "MIT", ""},
                          {"pkg:npm/qs@6.7.0", "qs", "6.7.0", "BSD-3-Clause", ""}}));
    upload(v2, cyclonedx({{"pkg:npm/express@4.18.2", "express", "4.18.2", "MIT", ""},
                          {"pkg:npm/debug@2.6.9", "debug", "2.6.9", "MIT", ""},
                          {"pkg:npm/body-parser@1.20.1", "body-parser", "1.20.1", "MIT", ""}}));
    auto edges = store->project_dependencies(Access::local_admin(), v1.uuid);
    ASSERT_TRUE(edges) << edges.error().message;
    ASSERT_EQ(edges->size(), 1u);
    EXPECT_EQ((*edges)[0].type, "depends-on");
    auto licenses = store->licenses(Access::local_admin(), "");
    ASSERT_TRUE(licenses) << licenses.error().message;
    ASSERT_FALSE(licenses->empty());
    EXPECT_EQ(licenses->front().license, "MIT");
    EXPECT_EQ(licenses->front().components, 5);
    EXPECT_EQ(licenses->front().projects, 2);
    auto d = store->diff_projects(Access::local_admin(), v1.uuid, v2.uuid);
    ASSERT_TRUE(d) << d.error().message;
    ASSERT_EQ(d->added.size(), 1u);
    EXPECT_EQ(d->added[0].name, "body-parser");
    ASSERT_EQ(d->removed.size(), 1u);
    EXPECT_EQ(d->removed[0].name, "qs");
    ASSERT_EQ(d->changed.size(), 1u);
    EXPECT_EQ(d->changed[0].before_version, "4.17.1");
    EXPECT_EQ(d->changed[0].after_version, "4.18.2");
    EXPECT_EQ(d->unchanged, 1);
}

TEST_P(StoreTest, AJobIsDoneOnceAndALostLeaseWritesNothing) {
    auto p = make_project("q", "1");
    auto token = store->enqueue_upload(Access::local_admin(), p, "",
                                       cyclonedx({{"pkg:npm/a@1.0.0", "a", "1.0.0", "", ""}}));
    ASSERT_TRUE(token);
    EXPECT_EQ(*store->pending_jobs(), 1);
    // Worker 1 claims with a lease that runs out at once; worker 2 takes the job over.
    auto first = store->claim_job("w1", -1);
    ASSERT_TRUE(first && *first);
    auto second = store->claim_job("w2", 60000);
    ASSERT_TRUE(second && *second) << "an expired lease is claimed again";
    EXPECT_EQ((*second)->info.token, *token);
    EXPECT_EQ((*second)->info.attempts, 2);
    auto nothing = store->claim_job("w3", 60000);
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(*nothing) << "a held lease is not claimed";
    // The first worker, back from the dead, cannot complete it.
    auto late = jobs::run_upload(*store, **first);
    ASSERT_FALSE(late);
    EXPECT_EQ(kind_of(late.error()), ErrorKind::conflict);
    ASSERT_TRUE(jobs::run_upload(*store, **second));
    auto j = store->job(Access::local_admin(), *token);
    ASSERT_TRUE(j);
    EXPECT_EQ(j->status, JobStatus::done);
    EXPECT_FALSE(j->sbom_uuid.empty());
    EXPECT_EQ(store->list_sboms(Access::local_admin(), p.uuid)->size(), 1u);
    EXPECT_EQ(*store->pending_jobs(), 0);
}

TEST_P(StoreTest, ConcurrentWorkersDoEachJobOnce) {
    auto p = make_project("many", "1");
    constexpr int k_jobs = 40;
    for (int i = 0; i < k_jobs; ++i)
        ASSERT_TRUE(store->enqueue_upload(Access::local_admin(), p, "s" + std::to_string(i),
                                          cyclonedx({{"pkg:npm/x@1.0." + std::to_string(i), "x",
                                                      "1.0." + std::to_string(i), "", ""}})));
    std::atomic<int> done{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < 4; ++w)
        workers.emplace_back([&, w] {
            while (true) {
                auto job = store->claim_job("w" + std::to_string(w), 60000);
                if (!job || !*job) return;
                if (jobs::run_upload(*store, **job)) ++done;
            }
        });
    for (auto& t : workers)
        t.join();
    EXPECT_EQ(done.load(), k_jobs);
    EXPECT_EQ(store->list_sboms(Access::local_admin(), p.uuid)->size(),
              static_cast<std::size_t>(k_jobs));
    EXPECT_EQ(store->project_components(Access::local_admin(), p.uuid, 100, 0)->total, k_jobs);
}

TEST_P(StoreTest, ARefusedDocumentFailsItsJobWithTheReason) {
    auto p = make_project("bad", "1");
    auto token = store->enqueue_upload(
        Access::local_admin(), p, "",
        R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":1}]})");
    ASSERT_TRUE(token);
    drain();
    auto j = store->job(Access::local_admin(), *token);
    ASSERT_TRUE(j);
    EXPECT_EQ(j->status, JobStatus::failed);
    EXPECT_NE(j->error.find("a component has no name"), std::string::npos) << j->error;
    EXPECT_TRUE(store->list_sboms(Access::local_admin(), p.uuid)->empty());
}

TEST_P(StoreTest, DeletingAProjectRemovesItsSbomsAndComponents) {
    auto p = make_project("gone", "1");
    upload(p, cyclonedx({{"pkg:npm/a@1.0.0", "a", "1.0.0", "", k_sha},
                         {"pkg:npm/b@1.0.0", "b", "1.0.0", "", ""}}));
    ASSERT_TRUE(store->delete_project(Access::local_admin(), p.uuid));
    for (const char* table : {"sboms", "components", "component_hashes", "dependencies"}) {
        auto rows = store->with_connection(
            [&](Connection& c) { return c.query(std::string("SELECT count(*) FROM ") + table); });
        ASSERT_TRUE(rows);
        EXPECT_EQ(rows->front().integer(0), 0) << table;
    }
}

TEST_P(StoreTest, TheDailyMetricsRecordOnlyProjectsWithoutARecordToday) {
    Access admin = Access::local_admin();
    ASSERT_TRUE(store->create_project(admin, {.name = "a", .version = "1"}));
    ASSERT_TRUE(store->create_project(admin, {.name = "b", .version = "1"}));
    auto first = store->record_all_metrics();
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(*first, 2);
    // A restart the same day records nothing again; a project new since then is recorded.
    auto again = store->record_all_metrics();
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);
    ASSERT_TRUE(store->create_project(admin, {.name = "c", .version = "1"}));
    auto third = store->record_all_metrics();
    ASSERT_TRUE(third);
    EXPECT_EQ(*third, 1);
    auto series = store->portfolio_metrics_series(admin, "2000-01-01T00:00:00Z");
    ASSERT_TRUE(series);
    ASSERT_EQ(series->size(), 1u);
    EXPECT_EQ(series->front().projects, 3);
    // Unchanged counts are not recorded again: a record from yesterday stays the last one, and
    // the series carries it to today from its start.
    ASSERT_TRUE(store->with_connection([](Connection& c) {
        return c.query("UPDATE metrics SET at = '2000-06-01T00:00:00.000Z'");
    }));
    auto unchanged = store->record_all_metrics();
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(*unchanged, 0);
    auto carried = store->portfolio_metrics_series(admin, "2001-01-01T00:00:00Z");
    ASSERT_TRUE(carried);
    ASSERT_EQ(carried->size(), 2u);
    EXPECT_EQ(carried->front().at, "2001-01-01");
    EXPECT_EQ(carried->front().projects, 3);
    EXPECT_EQ(carried->back().at, util::utc_now().substr(0, 10));
    EXPECT_EQ(carried->back().projects, 3);
}

TEST_P(StoreTest, SignatureLogIsDenseAndAppendOnly) {
    auto empty = store->signature_leaf_hashes(0);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
    // Appenders on several connections at once still get 0..n-1, each once.
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                SignatureLogEntry e;
                e.actor = "team/key" + std::to_string(t);
                e.team = "team";
                e.key_name = "release";
                e.keyid = "ab";
                e.kind = "digest";
                e.signed_digest = "sha256:" + std::to_string(t * 10 + i);
                e.signature = "c2ln";
                if (!store->append_signature(e)) ++failures;
            }
        });
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(failures.load(), 0);
    auto log = store->signature_log(0, 100);
    ASSERT_TRUE(log);
    ASSERT_EQ(log->size(), 20u);
    for (std::size_t i = 0; i < log->size(); ++i) {
        const auto& e = (*log)[i];
        EXPECT_EQ(e.index, static_cast<std::int64_t>(i));
        // The leaf is the entry's canonical JSON, and the hash is SHA-256(0x00 || leaf).
        EXPECT_TRUE(e.leaf.starts_with("{\"index\":" + std::to_string(i) + ",\"time\":\""))
            << e.leaf;
        EXPECT_NE(e.leaf.find("\"signedDigest\":\"" + e.signed_digest + "\""), std::string::npos);
        EXPECT_EQ(e.leaf_hash,
                  util::digest_hex(util::DigestAlgorithm::sha256, std::string(1, '\0') + e.leaf));
    }
    auto tail = store->signature_log(18, 10);
    ASSERT_TRUE(tail);
    EXPECT_EQ(tail->size(), 2u);
    auto hashes = store->signature_leaf_hashes(15);
    ASSERT_TRUE(hashes);
    EXPECT_EQ(hashes->size(), 5u);
    EXPECT_EQ(util::to_hex(hashes->front()), (*log)[15].leaf_hash);
    // Neither an update nor a delete gets through, whoever asks.
    auto changed = store->with_connection([](Connection& c) {
        return c.query("UPDATE signature_log SET actor = 'mallory' WHERE idx = 0");
    });
    ASSERT_FALSE(changed);
    EXPECT_NE(changed.error().message.find("append-only"), std::string::npos)
        << changed.error().message;
    auto removed = store->with_connection(
        [](Connection& c) { return c.query("DELETE FROM signature_log WHERE idx = 19"); });
    ASSERT_FALSE(removed);
    auto after = store->signature_log(0, 100);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->size(), 20u);
    EXPECT_EQ(after->front().actor, (*log)[0].actor);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

} // namespace
} // namespace kaiyuan::store
