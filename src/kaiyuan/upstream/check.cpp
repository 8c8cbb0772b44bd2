#include "kaiyuan/upstream/check.hpp"

#include "kaiyuan/upstream/tags.hpp"
#include "kaiyuan/version/compare.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace kaiyuan::upstream {

std::string_view to_string(Standing s) {
    switch (s) {
    case Standing::current:
        return "current";
    case Standing::behind:
        return "behind";
    case Standing::ahead:
        return "ahead";
    case Standing::unknown:
        return "unknown";
    case Standing::no_releases:
        return "no-releases";
    case Standing::unchecked:
        return "unchecked";
    }
    return "unchecked";
}

std::string tag_address(const UpstreamDescription& d) {
    const std::string& repo = d.src_repo;
    if (repo.empty()) return {};
    switch (d.kind) {
    case UpstreamKind::github:
        return "https://github.com/" + repo + ".git";
    case UpstreamKind::gitee:
        return "https://gitee.com/" + repo + ".git";
    case UpstreamKind::gitlab_gnome:
        // A bare project name is one of GNOME's own (yaml2url.py, __get_gnome_url).
        return "https://gitlab.gnome.org/" +
               (repo.find('/') == std::string::npos ? "GNOME/" + repo : repo) + ".git";
    case UpstreamKind::git:
        return repo;
    default:
        return {};
    }
}

Result<std::vector<std::string>> upstream_tags(const UpstreamDescription& d,
                                               const InsteadOf& rules) {
    if (d.kind == UpstreamKind::none)
        return fail(d.kind_as_written.empty()
                        ? std::string("no version_control: no upstream is described")
                        : "'" + d.kind_as_written + "' names no upstream kaiyuan can check");
    std::string address = tag_address(d);
    if (address.empty())
        return fail(d.src_repo.empty()
                        ? std::string("no src_repo: the upstream's place is not given")
                        : "version_control '" + std::string(kind_name(d.kind)) +
                              "' is not read by kaiyuan (an svn server's tags need an svn "
                              "client)");
    auto listed = list_tags(address, rules);
    if (!listed) return unexpected(listed.error());
    std::vector<std::string> out;
    out.reserve(listed->size());
    for (auto& t : *listed)
        out.push_back(std::move(t.name));
    return out;
}

std::optional<long> days_between(std::string_view a, std::string_view b) {
    auto parse = [](std::string_view s) -> std::optional<std::chrono::sys_days> {
        if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
        int y = 0;
        unsigned m = 0, d = 0;
        for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
        y = std::stoi(std::string(s.substr(0, 4)));
        m = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
        d = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
        std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                        std::chrono::day(d)};
        if (!ymd.ok()) return std::nullopt;
        return std::chrono::sys_days(ymd);
    };
    auto x = parse(a), y = parse(b);
    if (!x || !y) return std::nullopt;
    return static_cast<long>((*y - *x).count());
}

CheckedPackage judge(const PackagedSource& pkg, const std::vector<std::string>& tags) {
    std::vector<ListedVersion> listed;
    listed.reserve(tags.size());
    for (const auto& t : tags)
        listed.push_back({t, {}, false});
    return judge(pkg, listed);
}

CheckedPackage judge(const PackagedSource& pkg, const std::vector<ListedVersion>& listed) {
    CheckedPackage out;
    out.name = pkg.name;
    out.packaged = pkg.version;
    out.release = pkg.release;
    out.spec_file = pkg.spec_file;
    out.upstream_file = pkg.upstream_file;
    if (!pkg.upstream) {
        out.error = "no upstream description";
        return out;
    }
    const UpstreamDescription& d = *pkg.upstream;
    out.kind = kind_name(d.kind);
    out.address = tag_address(d);
    TagCleaner cleaner(d);
    if (!cleaner.error().empty()) {
        out.error = cleaner.error();
        return out;
    }
    // The package's ecosystem's order where it has one and both versions are valid in it;
    // rpm's otherwise (and for a distribution's packages).
    auto scheme = pkg.ecosystem.empty() ? Result<version::Scheme>(version::Scheme::rpm)
                                        : version::scheme_for(pkg.ecosystem);
    auto compare = [&](std::string_view a, std::string_view b) {
        if (scheme && *scheme != version::Scheme::rpm)
            if (auto c = version::compare(*scheme, a, b)) return *c;
        return version::compare_rpm(a, b);
    };
    std::map<std::string, std::string, std::less<>> recorded; // tag -> date
    for (const auto& [date, tag] : d.recorded_tags)
        recorded.emplace(tag, date);
    std::vector<Release> releases;
    std::set<std::string, std::less<>> seen;
    for (const auto& item : listed) {
        ++out.tags;
        if (item.marked_prerelease) continue;
        auto v = cleaner.clean(item.tag);
        if (!v || stability(*v) != Stability::release || !seen.insert(*v).second) continue;
        std::string date = item.date;
        if (auto r = recorded.find(item.tag); date.empty() && r != recorded.end()) date = r->second;
        releases.push_back({*v, item.tag, std::move(date)});
    }
    out.releases = releases.size();
    if (releases.empty()) {
        out.standing = Standing::no_releases;
        return out;
    }
    std::stable_sort(releases.begin(), releases.end(), [&](const Release& a, const Release& b) {
        return compare(a.version, b.version) < 0;
    });
    out.newest = releases.back();
    out.all = releases;
    const Release* by_generic = &releases.front();
    for (const auto& r : releases)
        if (version::compare_generic(r.version, by_generic->version) > 0) by_generic = &r;
    if (by_generic->version != out.newest.version)
        out.newest_by_generic_order = by_generic->version;
    if (pkg.version.empty()) {
        out.standing = Standing::unknown;
        return out;
    }
    std::vector<std::string> versions;
    for (const auto& r : releases) {
        versions.push_back(r.version);
        int c = compare(r.version, pkg.version);
        if (c > 0) out.newer.push_back(r);
        if (c == 0 && out.packaged_date.empty()) out.packaged_date = r.date;
    }
    out.newest_in_series = newest_in_series(versions, pkg.version);
    int c = compare(out.newest.version, pkg.version);
    out.standing = c > 0 ? Standing::behind : c == 0 ? Standing::current : Standing::ahead;
    if (out.standing == Standing::behind)
        out.days_behind = days_between(out.packaged_date, out.newest.date);
    if (!pkg.epoch.empty() && pkg.epoch != "0") out.packaged = pkg.epoch + ":" + pkg.version;
    return out;
}

namespace {

/// Advances a shared count from two places (the git threads and the HTTP batch).
class SharedProgress final : public util::Progress {
public:
    explicit SharedProgress(util::Progress& to) : to_(to) {}
    void phase(std::string_view, std::uint64_t) override {}
    void advance(std::uint64_t) override { step(); }
    void finish() override {}
    void step() {
        std::lock_guard lock(mutex_);
        to_.advance(++done_);
    }

private:
    util::Progress& to_;
    std::mutex mutex_;
    std::uint64_t done_ = 0;
};

CheckedPackage unchecked(const PackagedSource& pkg, std::string error) {
    CheckedPackage out = judge(pkg, std::vector<ListedVersion>{});
    out.standing = Standing::unchecked;
    out.error = std::move(error);
    return out;
}

} // namespace

std::vector<CheckedPackage> check_all(const std::vector<PackagedSource>& packages,
                                      const CheckOptions& options) {
    std::vector<CheckedPackage> out(packages.size());
    util::Progress& progress = options.progress ? *options.progress : util::null_progress();
    progress.phase("checking upstreams", packages.size());
    SharedProgress shared(progress);

    // Registries and pages: every request in flight at once, on their own thread.
    std::vector<std::size_t> over_http;
    std::vector<std::string> urls;
    std::vector<std::size_t> over_git;
    for (std::size_t i = 0; i < packages.size(); ++i) {
        const auto& up = packages[i].upstream;
        if (up && up->kind != UpstreamKind::none && listed_over_http(up->kind)) {
            std::string url = listing_address(*up, options.registries);
            if (url.empty()) {
                out[i] = unchecked(packages[i],
                                   up->src_repo.empty()
                                       ? "no src_repo: the upstream's place is not given"
                                       : "src_repo '" + up->src_repo + "' does not name a " +
                                             std::string(kind_name(up->kind)) + " package");
                shared.step();
                continue;
            }
            over_http.push_back(i);
            urls.push_back(std::move(url));
        } else {
            over_git.push_back(i);
        }
    }
    std::thread http([&] {
        if (urls.empty()) return;
        HttpBatchOptions http_options = options.http;
        http_options.progress = &shared;
        // One request per address, however many packages share it (an SBOM's components);
        // each answer read as it arrives and dropped.
        std::map<std::string, std::size_t, std::less<>> slot_of;
        std::vector<std::string> unique;
        std::vector<std::vector<std::size_t>> users; // per unique address: indexes into urls
        for (std::size_t k = 0; k < urls.size(); ++k) {
            auto [it, added] = slot_of.try_emplace(urls[k], unique.size());
            if (added) {
                unique.push_back(urls[k]);
                users.emplace_back();
            }
            users[it->second].push_back(k);
        }
        fetch_each(unique, http_options, [&](std::size_t u, HttpResponse&& answer) {
            for (std::size_t k : users[u]) {
                std::size_t i = over_http[k];
                const PackagedSource& pkg = packages[i];
                if (!answer.error.empty()) {
                    out[i] = unchecked(pkg, urls[k] + ": " + answer.error);
                } else if (auto listed = read_listing(*pkg.upstream, answer.body); !listed) {
                    out[i] = unchecked(pkg, urls[k] + ": " + listed.error().message);
                } else {
                    out[i] = judge(pkg, *listed);
                }
                out[i].address = urls[k];
                if (&k != &users[u].front()) shared.step(); // the request advanced one
            }
        });
    });

    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k = next++; k < over_git.size(); k = next++) {
            std::size_t i = over_git[k];
            const PackagedSource& pkg = packages[i];
            if (!pkg.upstream) {
                out[i] = judge(pkg, std::vector<ListedVersion>{});
            } else if (auto tags = upstream_tags(*pkg.upstream, options.rules); !tags) {
                out[i] = unchecked(pkg, tags.error().message);
            } else {
                out[i] = judge(pkg, *tags);
            }
            shared.step();
        }
    };
    unsigned n =
        std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(over_git.size())));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < n; ++t)
        threads.emplace_back(work);
    work();
    for (auto& t : threads)
        t.join();
    http.join();
    progress.finish();
    return out;
}

} // namespace kaiyuan::upstream
