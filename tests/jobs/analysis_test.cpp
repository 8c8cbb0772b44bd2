// Portfolio analysis: findings stored on ingest and kept up to date by re-matching per changed
// advisory must always equal matching every current SBOM from scratch. Random sequences of
// advisory additions, changes, withdrawals and uploads, on SQLite and PostgreSQL.
#include "../store/store_fixture.hpp"

#include "kaiyuan/jobs/analysis.hpp"
#include "kaiyuan/vuln/osv_json.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace kaiyuan::store {
namespace {

class AnalysisTest : public StoreTest {
protected:
    /// (sbom, index, advisory, fixed, severity, path) of every stored finding.
    using Row =
        std::tuple<std::int64_t, std::int64_t, std::string, std::string, std::string, std::string>;

    std::set<Row> stored_findings() {
        std::set<Row> out;
        auto rows = store->with_connection([](Connection& c) {
            return c.query("SELECT sbom_id, idx, advisory_id, fixed, severity, path FROM findings");
        });
        EXPECT_TRUE(rows) << rows.error().message;
        if (rows)
            for (const auto& r : *rows)
                out.insert(
                    {r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5)});
        return out;
    }

    /// Every current SBOM read back and matched now, as a full re-scan would.
    std::set<Row> from_scratch() {
        std::set<Row> out;
        auto current = store->with_connection([](Connection& c) {
            return c.query("SELECT s.id, s.uuid FROM sboms s WHERE s.is_current = 1");
        });
        EXPECT_TRUE(current) << current.error().message;
        if (!current) return out;
        StoreAdvisories advisories(*store);
        for (const auto& row : *current) {
            auto bytes = store->sbom_content(Access::local_admin(), row.text(1));
            EXPECT_TRUE(bytes) << bytes.error().message;
            auto sbom = jobs::read_sbom(*bytes, "stored");
            EXPECT_TRUE(sbom) << sbom.error().message;
            auto analysis = jobs::analyse(sbom->sbom, advisories);
            EXPECT_TRUE(analysis) << analysis.error().message;
            for (const auto& f : analysis->findings)
                out.insert({row.integer(0), f.idx, f.advisory_id, f.fixed, f.severity, f.path});
        }
        return out;
    }

    Result<vuln::ImportStats> import(const vuln::Advisory& a) {
        StoreAdvisories advisories(*store);
        return advisories.import({a}, {});
    }
};

const std::vector<std::string> k_packages = {"alpha", "beta", "gamma-lib", "Delta_Pkg"};
const std::vector<std::string> k_versions = {"0.9", "1.0", "1.1", "1.2", "2.0", "2.1", "3.0"};

/// An SBOM of a few packages at random versions, each depending on the next.
std::string random_sbom(std::mt19937& rng) {
    std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string>> comps;
    std::uniform_int_distribution<std::size_t> pick_version(0, k_versions.size() - 1);
    for (const auto& p : k_packages)
        if (rng() % 3 != 0) {
            std::string v = k_versions[pick_version(rng)];
            comps.emplace_back("pkg:pypi/" + p + "@" + v, p, v, "", "");
        }
    std::string doc = cyclonedx(comps, false);
    if (comps.size() >= 2) {
        // A chain r0 -> r1 -> ... so that paths are more than one step long.
        std::string deps = R"(,"dependencies":[)";
        for (std::size_t i = 0; i + 1 < comps.size(); ++i)
            deps += (i ? "," : "") + std::string(R"({"ref":"r)") + std::to_string(i) +
                    R"(","dependsOn":["r)" + std::to_string(i + 1) + "\"]}";
        doc.insert(doc.size() - 1, deps + "]");
    }
    return doc;
}

/// An advisory for one or two packages, with a range or enumerated versions.
vuln::Advisory random_advisory(std::mt19937& rng, const std::string& id, int generation) {
    vuln::Advisory a;
    a.id = id;
    a.modified = "2026-01-01T00:00:" + std::string(generation < 10 ? "0" : "") +
                 std::to_string(generation) + "Z";
    a.aliases = {"CVE-2026-" + id.substr(id.find('-') + 1)};
    a.summary = "random advisory " + id;
    if (rng() % 2)
        a.severity.push_back({"CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"});
    std::uniform_int_distribution<std::size_t> pick_version(0, k_versions.size() - 1);
    std::size_t packages = 1 + rng() % 2;
    for (std::size_t i = 0; i < packages; ++i) {
        vuln::Affected af;
        af.ecosystem = "PyPI";
        af.name = k_packages[rng() % k_packages.size()];
        if (rng() % 3 == 0) {
            af.versions = {k_versions[pick_version(rng)], k_versions[pick_version(rng)]};
        } else {
            std::size_t lo = pick_version(rng), hi = pick_version(rng);
            if (lo > hi) std::swap(lo, hi);
            vuln::AffectedRange r;
            r.type = "ECOSYSTEM";
            r.events.push_back(
                {vuln::RangeEvent::Kind::introduced, lo == 0 ? "0" : k_versions[lo]});
            if (hi > lo) r.events.push_back({vuln::RangeEvent::Kind::fixed, k_versions[hi]});
            af.ranges.push_back(r);
        }
        a.affected.push_back(af);
    }
    return a;
}

TEST_P(AnalysisTest, IncrementalFindingsEqualAFullRematchAfterRandomChanges) {
    for (unsigned seed : {1u, 2u, 3u}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937 rng(seed);
        std::vector<Project> projects;
        for (int i = 0; i < 5; ++i)
            projects.push_back(
                make_project("app" + std::to_string(seed) + "-" + std::to_string(i), "1"));
        for (const auto& p : projects)
            upload(p, random_sbom(rng));
        std::map<std::string, int> generation; // advisory id -> last modified counter
        int clock = 1;
        for (int step = 0; step < 40; ++step) {
            std::string id = "ADV-" + std::to_string(seed) + std::to_string(rng() % 8);
            switch (rng() % 5) {
            case 0: // withdrawn
            {
                vuln::Advisory a = random_advisory(rng, id, ++clock);
                a.withdrawn = a.modified;
                ASSERT_TRUE(import(a));
                generation.erase(id);
                break;
            }
            case 1: // an older record: must change nothing
                if (generation.count(id)) {
                    vuln::Advisory a = random_advisory(rng, id, 0);
                    auto r = import(a);
                    ASSERT_TRUE(r);
                    EXPECT_EQ(r->added + r->replaced, 0u);
                }
                break;
            case 2: // a new SBOM replaces a project's current one
                upload(projects[rng() % projects.size()], random_sbom(rng));
                break;
            default: // added or changed
                generation[id] = ++clock;
                ASSERT_TRUE(import(random_advisory(rng, id, clock)));
            }
            // Sometimes several changes queue up before the workers get to them.
            if (rng() % 3 == 0) {
                drain();
                ASSERT_EQ(stored_findings(), from_scratch()) << "after step " << step;
            }
        }
        drain();
        auto stored = stored_findings();
        EXPECT_EQ(stored, from_scratch());
        EXPECT_FALSE(stored.empty()) << "the random advisories should hit something";
    }
}

// An upload matched before an advisory changes and stored after the change's re-match ran: the
// re-match is queued again, so that the new SBOM's findings follow the change too.
TEST_P(AnalysisTest, AnUploadStoredAfterARematchGetsItRunAgain) {
    Project p = make_project("late", "1");
    vuln::Advisory a;
    a.id = "ADV-LATE";
    a.modified = "2026-01-01T00:00:00Z";
    vuln::Affected af;
    af.ecosystem = "PyPI";
    af.name = "alpha";
    af.versions = {"9.9"};
    a.affected.push_back(af);
    ASSERT_TRUE(import(a));
    drain();
    // The upload is claimed and matched now (nothing affects alpha 1.0 yet) ...
    auto token = store->enqueue_upload(Access::local_admin(), p, "",
                                       cyclonedx({{"pkg:pypi/alpha@1.0", "alpha", "1.0", "", ""}}));
    ASSERT_TRUE(token);
    auto job = store->claim_job("worker", 60000);
    ASSERT_TRUE(job && *job);
    auto mark = store->rematch_mark();
    ASSERT_TRUE(mark);
    auto checked = jobs::read_sbom((*job)->payload, "upload");
    ASSERT_TRUE(checked);
    StoreAdvisories advisories(*store);
    auto analysis = jobs::analyse(checked->sbom, advisories);
    ASSERT_TRUE(analysis);
    EXPECT_TRUE(analysis->findings.empty());
    analysis->rematch_mark = *mark;
    // ... then the advisory changes to cover 1.0, and its re-match runs before the SBOM is stored.
    a.modified = "2026-01-02T00:00:00Z";
    a.affected[0].versions = {"1.0"};
    ASSERT_TRUE(import(a));
    auto rematch = store->claim_job("other", 60000);
    ASSERT_TRUE(rematch && *rematch);
    ASSERT_EQ((*rematch)->info.kind, k_rematch_job);
    ASSERT_TRUE(jobs::run_rematch(*store, advisories, **rematch));
    SbomUpload upload;
    upload.project_id = p.id;
    upload.format = checked->format;
    upload.content = (*job)->payload;
    ASSERT_TRUE(store->complete_upload(**job, upload, checked->sbom, *analysis));
    EXPECT_TRUE(stored_findings().empty()) << "stored with what was matched before the change";
    drain(); // the re-match queued again
    auto stored = stored_findings();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(std::get<2>(*stored.begin()), "ADV-LATE");
    EXPECT_EQ(stored, from_scratch());
}

TEST_P(AnalysisTest, AFindingFollowsTheSeverityOfTheAliasItTakesItFrom) {
    // GHSA-style: the record that matches states no severity; its alias does.
    vuln::Advisory matching;
    matching.id = "PYSEC-2026-1";
    matching.modified = "2026-01-01T00:00:00Z";
    matching.aliases = {"GHSA-aaaa-bbbb-cccc"};
    vuln::Affected af;
    af.ecosystem = "PyPI";
    af.name = "alpha";
    af.versions = {"1.0"};
    matching.affected.push_back(af);
    vuln::Advisory alias;
    alias.id = "GHSA-aaaa-bbbb-cccc";
    alias.modified = "2026-01-01T00:00:00Z";
    alias.severity.push_back({"CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"});
    ASSERT_TRUE(import(alias));
    ASSERT_TRUE(import(matching));
    upload(make_project("p", "1"), cyclonedx({{"pkg:pypi/alpha@1.0", "alpha", "1.0", "", ""}}));
    auto severity = [&] {
        auto rows = store->with_connection(
            [](Connection& c) { return c.query("SELECT severity FROM findings"); });
        EXPECT_TRUE(rows && rows->size() == 1u);
        return rows && !rows->empty() ? rows->front().text(0) : "";
    };
    EXPECT_EQ(severity(), "critical");
    // Only the alias changes: the finding's severity follows.
    alias.modified = "2026-02-01T00:00:00Z";
    alias.severity = {{"CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"}};
    ASSERT_TRUE(import(alias));
    drain();
    EXPECT_EQ(severity(), "low");
    EXPECT_EQ(stored_findings(), from_scratch());
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalysisTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

} // namespace
} // namespace kaiyuan::store
