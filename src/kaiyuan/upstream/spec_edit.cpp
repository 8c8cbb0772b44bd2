#include "kaiyuan/upstream/spec_edit.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>

namespace kaiyuan::upstream {
namespace {

struct Line {
    std::size_t begin, end; ///< [begin, end) in the text, without the newline
};

std::vector<Line> lines_of(std::string_view text) {
    std::vector<Line> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t nl = text.find('\n', at);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        out.push_back({at, end});
        at = end + 1;
    }
    return out;
}

bool iequals_prefix(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
}

bool blank(char c) {
    return c == ' ' || c == '\t';
}

std::size_t skip_blanks(std::string_view line, std::size_t i) {
    while (i < line.size() && blank(line[i]))
        ++i;
    return i;
}

/// [i, end) with trailing blanks (and a CR) left out: a value's place on its line.
std::pair<std::size_t, std::size_t> value_from(std::string_view line, std::size_t i) {
    std::size_t end = line.size();
    while (end > i && (blank(line[end - 1]) || line[end - 1] == '\r'))
        --end;
    return {i, end};
}

/// Where the value of the preamble tag `tag` ("version") is on a line, when the line is that tag.
std::optional<std::pair<std::size_t, std::size_t>> tag_value(std::string_view line,
                                                             std::string_view tag) {
    if (!iequals_prefix(line, tag)) return std::nullopt;
    std::size_t i = skip_blanks(line, tag.size());
    if (i >= line.size() || line[i] != ':') return std::nullopt;
    return value_from(line, skip_blanks(line, i + 1));
}

/// The name of the macro a value is exactly ("%{upstream_version}", "%upstream_version").
std::string macro_name(std::string_view value) {
    if (value.starts_with("%{") && value.ends_with("}"))
        value = value.substr(2, value.size() - 3);
    else if (value.starts_with("%"))
        value.remove_prefix(1);
    else
        return {};
    for (char c : value)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return {};
    return std::string(value);
}

/// Where a line defines `macro` (`%global NAME VALUE` or `%define NAME VALUE`): its value.
std::optional<std::pair<std::size_t, std::size_t>> definition_value(std::string_view line,
                                                                    std::string_view macro) {
    for (std::string_view kw : {"%global", "%define"}) {
        if (!line.starts_with(kw)) continue;
        std::size_t i = kw.size();
        if (i >= line.size() || !blank(line[i])) continue;
        i = skip_blanks(line, i);
        if (line.substr(i, macro.size()) != macro) continue;
        i += macro.size();
        if (i >= line.size() || !blank(line[i])) continue;
        return value_from(line, skip_blanks(line, i));
    }
    return std::nullopt;
}

/// Is this line the start of a section (%description, %prep, %package...): the preamble ends.
bool section_start(std::string_view line) {
    for (std::string_view s : {"%description", "%package", "%prep", "%build", "%install", "%check",
                               "%files", "%changelog"})
        if (line.starts_with(s) &&
            (line.size() == s.size() || line[s.size()] == ' ' || line[s.size()] == '\t'))
            return true;
    return false;
}

} // namespace

Result<std::string> set_version(std::string_view text, std::string_view version) {
    if (version.empty() || version.find_first_of(" \t\n%-") != std::string_view::npos)
        return fail("'" + std::string(version) +
                    "' cannot be an rpm Version (no spaces, '-' or macros)");
    auto lines = lines_of(text);
    struct Edit {
        std::size_t begin, end;
        std::string value;
    };
    std::vector<Edit> edits;
    std::optional<Line> version_line, release_line;
    std::pair<std::size_t, std::size_t> version_at{}, release_at{};
    for (const auto& l : lines) {
        std::string_view line = text.substr(l.begin, l.end - l.begin);
        if (section_start(line)) break;
        if (auto v = tag_value(line, "version"); v && !version_line) {
            version_line = l;
            version_at = *v;
        } else if (auto r = tag_value(line, "release"); r && !release_line) {
            release_line = l;
            release_at = *r;
        }
    }
    if (!version_line) return fail("no Version: tag in the preamble");
    if (!release_line) return fail("no Release: tag in the preamble");
    std::string_view old_version =
        text.substr(version_line->begin + version_at.first, version_at.second - version_at.first);
    if (std::string macro = macro_name(old_version); !macro.empty()) {
        bool found = false;
        for (const auto& l : lines) {
            std::string_view line = text.substr(l.begin, l.end - l.begin);
            if (auto d = definition_value(line, macro)) {
                edits.push_back({l.begin + d->first, l.begin + d->second, std::string(version)});
                found = true;
                break;
            }
        }
        if (!found)
            return fail("Version: " + std::string(old_version) +
                        " names a macro not defined by "
                        "%global or %define in the spec");
    } else if (old_version.find('%') != std::string_view::npos) {
        return fail("Version: " + std::string(old_version) +
                    " is built from macros; set it by hand");
    } else {
        edits.push_back({version_line->begin + version_at.first,
                         version_line->begin + version_at.second, std::string(version)});
    }
    // Release: the leading number becomes 1; what follows it (%{?dist}, .1) stays.
    std::string_view old_release =
        text.substr(release_line->begin + release_at.first, release_at.second - release_at.first);
    std::size_t digits = 0;
    while (digits < old_release.size() &&
           std::isdigit(static_cast<unsigned char>(old_release[digits])))
        ++digits;
    if (digits == 0)
        return fail("Release: " + std::string(old_release) +
                    " does not start with a number; "
                    "reset it by hand");
    std::string_view rest = old_release.substr(digits);
    std::string new_release = "1";
    if (rest.starts_with("%")) new_release += rest; // %{?dist}; a ".1" sub-release is dropped
    edits.push_back({release_line->begin + release_at.first,
                     release_line->begin + release_at.second, new_release});
    std::sort(edits.begin(), edits.end(),
              [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
    std::string out(text);
    for (const auto& e : edits)
        out.replace(e.begin, e.end - e.begin, e.value);
    return out;
}

std::string add_changelog(std::string_view text, const ChangelogEntry& entry) {
    std::string block =
        "* " + entry.date + " " + entry.packager + " - " + entry.version_release + "\n";
    for (const auto& l : entry.lines)
        block += "- " + l + "\n";
    for (const auto& l : lines_of(text)) {
        std::string_view line = text.substr(l.begin, l.end - l.begin);
        if (line.starts_with("%changelog")) {
            std::string out(text.substr(0, l.end));
            out += "\n" + block;
            std::string_view after = text.substr(std::min(text.size(), l.end + 1));
            if (!after.empty() && !after.starts_with("\n")) out += "\n";
            out += after;
            return out;
        }
    }
    std::string out(text);
    if (!out.empty() && !out.ends_with("\n")) out += "\n";
    return out + "\n%changelog\n" + block;
}

std::string changelog_date_today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %s %02d %04d", days[tm.tm_wday], months[tm.tm_mon],
                  tm.tm_mday, tm.tm_year + 1900);
    return buf;
}

} // namespace kaiyuan::upstream
