#pragma once
/// Whether packages are behind their upstreams (docs/cli.md, "upstream check"): each upstream's
/// tags listed (concurrently, without cloning), cleaned as its description says, the stable
/// releases kept by kaiyuan's rule (tags.hpp), and the newest compared with the packaged version
/// by rpm's order. Where a libversion-style order (version::compare_generic) would name another
/// newest release, both are reported rather than one guessed.
///
/// Which upstream kinds are read: github, gitee, gitlab.gnome and git from the ref advertisement
/// (git_tags.hpp, at the addresses openEuler-Advisor's yaml2url.py builds), on threads; the
/// registries and pages (listing.hpp) over HTTP, all in flight at once on one more thread
/// (http_batch.hpp). svn is said to be not checked, per package.
#include "kaiyuan/upstream/git_tags.hpp"
#include "kaiyuan/upstream/http_batch.hpp"
#include "kaiyuan/upstream/listing.hpp"
#include "kaiyuan/upstream/packaged.hpp"
#include "kaiyuan/util/progress.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kaiyuan::upstream {

enum class Standing {
    current,     ///< the packaged version is the newest release
    behind,      ///< a newer release exists
    ahead,       ///< the packaged version is newer than every release (a snapshot, a fork)
    unknown,     ///< no packaged version was given (an upstream-info file alone)
    no_releases, ///< the upstream was read but holds no stable release
    unchecked,   ///< the upstream could not be read; `error` says why
};
std::string_view to_string(Standing s);

struct Release {
    std::string version, tag;
    std::string date; ///< YYYY-MM-DD where openEuler-Advisor recorded the tag; else ""
};

struct CheckedPackage {
    std::string name, packaged; ///< packaged: [epoch:]version, "" when unknown
    std::string release;        ///< the spec's Release
    std::string spec_file, upstream_file;
    std::string kind, address; ///< the upstream kind and the address read
    Standing standing = Standing::unchecked;
    std::string error;
    std::size_t tags = 0;
    std::size_t releases = 0;
    Release newest;
    std::string newest_in_series; ///< the maintained-branch choice (tags.hpp)
    /// The newest release by version::compare_generic when it is another one than rpm's.
    std::string newest_by_generic_order;
    std::vector<Release> newer; ///< releases newer than the packaged version, oldest first
    std::vector<Release> all;   ///< every stable release, oldest first
    std::string packaged_date;  ///< the packaged release's date, where recorded
    /// Days from the packaged release to the newest, when both dates are recorded.
    std::optional<long> days_behind;
};

/// The address openEuler-Advisor reads `d`'s tags from (yaml2url.py); "" for kinds kaiyuan does
/// not read yet.
std::string tag_address(const UpstreamDescription& d);

/// The tags of `d`'s upstream, or why they cannot be had.
Result<std::vector<std::string>> upstream_tags(const UpstreamDescription& d,
                                               const InsteadOf& rules);

/// One package judged against the versions its upstream lists, compared in the order of the
/// package's ecosystem (rpm's for a distribution's package).
CheckedPackage judge(const PackagedSource& pkg, const std::vector<ListedVersion>& listed);
/// The same for bare tag names (a git upstream's).
CheckedPackage judge(const PackagedSource& pkg, const std::vector<std::string>& tags);

struct CheckOptions {
    unsigned jobs = 16; ///< git upstreams read at once (network-bound, not CPU-bound)
    InsteadOf rules;
    RegistryBases registries;
    HttpBatchOptions http; ///< for the registries and pages; its progress is not used
    util::Progress* progress = nullptr;
};

/// Every package checked, in the order given; each failure stays with its package.
std::vector<CheckedPackage> check_all(const std::vector<PackagedSource>& packages,
                                      const CheckOptions& options);

/// Days between two YYYY-MM-DD dates (b - a); nullopt when either is not such a date.
std::optional<long> days_between(std::string_view a, std::string_view b);

} // namespace kaiyuan::upstream
