#pragma once
/// From an upstream's tags to the releases a packager would take (docs/cli.md, "upstream").
///
/// 1. Cleaning, exactly as openEuler-Advisor's clean_tags (check_upstream.py) does it with
///    Python's `re`: `tag_pattern` keeps the tags it matches at their start, as its first group;
///    else `tag_reorder` rewrites matching tags with `tag_neworder` (`\1`... groups); else
///    `tag_prefix` keeps the tags it matches at their start, with every match removed; then a
///    `separator` other than "." (a pattern) is replaced by ".". Before all of it, nvchecker's
///    `include_regex` and `exclude_regex` keep and leave out tags they match whole. (RE2 reads
///    these patterns; the 2,700 real files use nothing RE2 lacks.)
/// 2. Stability, by kaiyuan's rule, by words rather than stray letters: a version starts with a
///    digit and holds only letters, digits and . _ - + ~. It is a pre-release when a word in it
///    is a pre-release word (alpha, beta, rc, pre, preview, dev, devel, snapshot, nightly, cr,
///    ea, bp, test, testing, unstable, trunk, git, svn, milestone) or when a, b, c or m comes
///    right before a number (1.0a1, 8.7.a3, 1.0-M2). It is a release when its only words are
///    release words (final, ga, release, rel, stable, lts, pl, patch, post, rev, sp, update), p, r
///    or u before a number (2.2p1, 8u292) or one letter closing it (1.0.2d, OpenSSL's letter
///    releases). A vendor's build (ubuntu, fedora, debian, deb, el8, fc39, oe1, suse, alt1) or
///    any other word (5.1.0-docs, 32-updates) is no release of the project's code. So 1.0.2d,
///    2.2pl2 and 1.2.3.Final are releases, where openEuler-Advisor's rule drops every version
///    holding a, b, c or d or "pl", and takes 2.82test1 and 1.2-3.el8.
/// 3. Order: rpm's (rpmvercmp), the order the packaged version is compared in.
#include "kaiyuan/upstream/description.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace kaiyuan::upstream {

/// The rules of one description, compiled once.
class TagCleaner {
public:
    explicit TagCleaner(const UpstreamDescription& description);
    ~TagCleaner();
    TagCleaner(TagCleaner&&) noexcept;
    TagCleaner& operator=(TagCleaner&&) noexcept;

    /// "" when the rules compiled; else what is wrong with which setting.
    const std::string& error() const { return error_; }
    /// The version `tag` names; nullopt when the rules leave it out.
    std::optional<std::string> clean(std::string_view tag) const;

private:
    enum class Mode { none, pattern, reorder, prefix };
    Mode mode_ = Mode::none;
    std::unique_ptr<re2::RE2> rule_, separator_, include_, exclude_;
    std::string rewrite_;
    std::string error_;
};

enum class Stability { release, prerelease, not_a_version };
Stability stability(std::string_view version);
std::string_view to_string(Stability s);

/// openEuler-Advisor's own rule (version_recommend.py, version_valid), for reporting where it
/// and kaiyuan's differ: digits, letters, '.', '_' and '-' only, a digit first, none of the
/// letters a, b, c or d, none of CR, RC, DEV, BETA, ALPHA, PL, PRE, BP (any case), no "ubuntu"
/// or "fedora".
bool advisor_accepts(std::string_view version);

/// The newest of `versions` by rpm's order; "" for none.
std::string newest(const std::vector<std::string>& versions);

/// The newest of `versions` in the series of `current` (its first two numbers: 1.2.x for
/// 1.2.11; its first for a one-number version): the choice for a maintained branch. "" for none.
std::string newest_in_series(const std::vector<std::string>& versions, std::string_view current);

} // namespace kaiyuan::upstream
