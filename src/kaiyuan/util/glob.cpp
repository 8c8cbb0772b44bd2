#include "kaiyuan/util/glob.hpp"

namespace kaiyuan::util {

namespace {

bool match_class(std::string_view& p, char c) {
    // p starts just after '['
    bool negate = !p.empty() && (p.front() == '!' || p.front() == '^');
    if (negate) p.remove_prefix(1);
    bool hit = false;
    bool first = true;
    while (!p.empty() && (first || p.front() != ']')) {
        first = false;
        char lo = p.front();
        p.remove_prefix(1);
        char hi = lo;
        if (p.size() >= 2 && p.front() == '-' && p[1] != ']') {
            hi = p[1];
            p.remove_prefix(2);
        }
        if (c >= lo && c <= hi) hit = true;
    }
    if (!p.empty()) p.remove_prefix(1); // ']'
    return hit != negate;
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    if (pattern.starts_with("**/")) {
        std::string_view rest = pattern.substr(3);
        for (std::size_t i = 0;;) {
            if (glob_match(rest, path.substr(i))) return true;
            auto slash = path.find('/', i);
            if (slash == std::string_view::npos) return false;
            i = slash + 1;
        }
    }
    while (!pattern.empty()) {
        char pc = pattern.front();
        if (pc == '*') {
            if (pattern.starts_with("**")) { // '**' not followed by '/': anything, across segments
                std::string_view rest = pattern.substr(2);
                for (std::size_t i = 0; i <= path.size(); ++i)
                    if (glob_match(rest, path.substr(i))) return true;
                return false;
            }
            std::string_view rest = pattern.substr(1);
            for (std::size_t i = 0; i <= path.size(); ++i) {
                if (glob_match(rest, path.substr(i))) return true;
                if (i < path.size() && path[i] == '/') return false;
            }
            return false;
        }
        if (path.empty()) return false;
        if (pc == '?') {
            if (path.front() == '/') return false;
            pattern.remove_prefix(1);
        } else if (pc == '[') {
            pattern.remove_prefix(1);
            if (path.front() == '/' || !match_class(pattern, path.front())) return false;
        } else {
            if (pc != path.front()) return false;
            pattern.remove_prefix(1);
        }
        path.remove_prefix(1);
    }
    return path.empty();
}

} // namespace kaiyuan::util
