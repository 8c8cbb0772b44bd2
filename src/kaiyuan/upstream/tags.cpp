#include "kaiyuan/upstream/tags.hpp"

#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/compare.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

namespace kaiyuan::upstream {

namespace {

std::unique_ptr<re2::RE2> compile(const std::string& pattern, const char* setting,
                                  std::string& error) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(8 << 20); // a hostile pattern is refused, not run
    auto re = std::make_unique<re2::RE2>(pattern, options);
    if (!re->ok()) {
        if (error.empty()) error = std::string(setting) + " '" + pattern + "': " + re->error();
        return nullptr;
    }
    return re;
}

} // namespace

TagCleaner::TagCleaner(const UpstreamDescription& d) {
    if (!d.tag_pattern.empty()) {
        mode_ = Mode::pattern;
        rule_ = compile(d.tag_pattern, "tag_pattern", error_);
        rewrite_ = "\\1";
        if (rule_ && rule_->NumberOfCapturingGroups() < 1) {
            error_ = "tag_pattern '" + d.tag_pattern + "' has no group to take the version from";
            rule_.reset();
        }
    } else if (!d.tag_reorder.empty()) {
        mode_ = Mode::reorder;
        rule_ = compile(d.tag_reorder, "tag_reorder", error_);
        rewrite_ = d.tag_neworder;
        std::string why;
        if (rule_ && !rule_->CheckRewriteString(rewrite_, &why)) {
            error_ = "tag_neworder '" + d.tag_neworder + "': " + why;
            rule_.reset();
        }
    } else if (!d.tag_prefix.empty()) {
        mode_ = Mode::prefix;
        rule_ = compile(d.tag_prefix, "tag_prefix", error_);
    }
    if (!d.separator.empty() && d.separator != ".")
        separator_ = compile(d.separator, "separator", error_);
    if (!d.include_regex.empty()) include_ = compile(d.include_regex, "include_regex", error_);
    if (!d.exclude_regex.empty()) exclude_ = compile(d.exclude_regex, "exclude_regex", error_);
}

TagCleaner::~TagCleaner() = default;
TagCleaner::TagCleaner(TagCleaner&&) noexcept = default;
TagCleaner& TagCleaner::operator=(TagCleaner&&) noexcept = default;

std::optional<std::string> TagCleaner::clean(std::string_view tag) const {
    if (!error_.empty()) return std::nullopt;
    // nvchecker's list options: on the tags as listed, matched whole (re.fullmatch).
    if (include_ && !re2::RE2::FullMatch(tag, *include_)) return std::nullopt;
    if (exclude_ && re2::RE2::FullMatch(tag, *exclude_)) return std::nullopt;
    std::string out(tag);
    if (mode_ != Mode::none) {
        // Python's pattern.match: the pattern must match at the tag's start.
        re2::StringPiece rest(tag.data(), tag.size());
        if (!re2::RE2::Consume(&rest, *rule_)) return std::nullopt;
        re2::RE2::GlobalReplace(&out, *rule_, mode_ == Mode::prefix ? "" : rewrite_);
    }
    if (separator_) re2::RE2::GlobalReplace(&out, *separator_, ".");
    return out;
}

Stability stability(std::string_view v) {
    if (v.empty() || v[0] < '0' || v[0] > '9') return Stability::not_a_version;
    for (char c : v)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-' &&
            c != '+' && c != '~')
            return Stability::not_a_version;
    // Words and numbers, in order.
    struct Token {
        std::string text;
        bool number;
        std::size_t begin, end; ///< where it is in `v`
    };
    std::vector<Token> tokens;
    for (std::size_t i = 0; i < v.size();) {
        unsigned char c = static_cast<unsigned char>(v[i]);
        if (!std::isalnum(c)) {
            ++i;
            continue;
        }
        bool digit = std::isdigit(c) != 0;
        std::size_t j = i;
        while (j < v.size() && std::isalnum(static_cast<unsigned char>(v[j])) &&
               (std::isdigit(static_cast<unsigned char>(v[j])) != 0) == digit)
            ++j;
        tokens.push_back({util::to_lower(v.substr(i, j - i)), digit, i, j});
        i = j;
    }
    static const std::vector<std::string_view> prerelease{
        "alpha",    "beta",    "rc",  "pre", "preview",    "dev",      "devel",
        "snapshot", "nightly", "cr",  "ea",  "bp",         "test",     "testing",
        "unstable", "trunk",   "git", "svn", "prerelease", "milestone"};
    static const std::vector<std::string_view> vendor{"ubuntu", "fedora", "debian", "deb", "el",
                                                      "fc",     "oe",     "suse",   "alt"};
    static const std::vector<std::string_view> release{"final",  "ga",  "release", "rel",
                                                       "stable", "lts", "pl",      "patch",
                                                       "post",   "rev", "sp",      "update"};
    bool seen_word = false;
    for (const Token& t : tokens) {
        if (t.number) continue;
        bool numbered = t.end < v.size() && std::isdigit(static_cast<unsigned char>(v[t.end]));
        bool after_number = t.begin > 0 && std::isdigit(static_cast<unsigned char>(v[t.begin - 1]));
        auto in = [&](const std::vector<std::string_view>& words) {
            return std::find(words.begin(), words.end(), t.text) != words.end();
        };
        if (in(vendor) && (t.text.size() > 2 || numbered)) return Stability::not_a_version;
        if (in(prerelease)) return Stability::prerelease;
        if (t.text.size() == 1) {
            // a, b, c before a number: PEP 440's alpha, beta, candidate (1.0a1, 8.7.a3); m: a
            // milestone (1.0-M2); p, r, u before a number: a patch, revision or update (2.2p1,
            // 8u292); any letter glued to the end of a number: a letter release (1.0.2d).
            char c = t.text[0];
            if (numbered && (c == 'a' || c == 'b' || c == 'c' || c == 'm'))
                return Stability::prerelease;
            if ((numbered && (c == 'p' || c == 'r' || c == 'u')) ||
                (!numbered && after_number && t.end == v.size()))
                continue;
        } else if (in(release)) {
            continue;
        }
        // Another word (docs, updates, serif): not a release of the project's code.
        seen_word = true;
    }
    if (seen_word) return Stability::not_a_version;
    return Stability::release;
}

std::string_view to_string(Stability s) {
    switch (s) {
    case Stability::release:
        return "release";
    case Stability::prerelease:
        return "pre-release";
    case Stability::not_a_version:
        return "not a version";
    }
    return "";
}

bool advisor_accepts(std::string_view v) {
    if (v.empty() || v[0] < '0' || v[0] > '9') return false;
    for (char c : v)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
            return false;
    if (v.find_first_of("abcd") != std::string_view::npos) return false;
    std::string upper = util::to_upper(v);
    for (std::string_view w : {"CR", "RC", "DEV", "BETA", "ALPHA", "PL", "PRE", "BP"})
        if (upper.find(w) != std::string::npos) return false;
    return v.find("ubuntu") == std::string_view::npos && v.find("fedora") == std::string_view::npos;
}

std::string newest(const std::vector<std::string>& versions) {
    std::string best;
    for (const auto& v : versions)
        if (best.empty() || version::compare_rpm(v, best) > 0) best = v;
    return best;
}

std::string newest_in_series(const std::vector<std::string>& versions, std::string_view current) {
    auto series = [](std::string_view v) {
        std::vector<std::string> numbers;
        std::string n;
        for (char c : v) {
            if (c >= '0' && c <= '9') {
                n += c;
                continue;
            }
            if (!n.empty()) numbers.push_back(n);
            n.clear();
            if (c != '.' && c != '_' && c != '-') break; // letters end the numbered part
            if (numbers.size() == 2) break;
        }
        if (!n.empty() && numbers.size() < 2) numbers.push_back(n);
        if (numbers.size() > 2) numbers.resize(2);
        for (auto& x : numbers)
            x.erase(0, std::min(x.find_first_not_of('0'), x.size() - 1)); // 01 == 1
        return numbers;
    };
    auto want = series(current);
    std::vector<std::string> same;
    for (const auto& v : versions)
        if (series(v) == want) same.push_back(v);
    return newest(same);
}

} // namespace kaiyuan::upstream
