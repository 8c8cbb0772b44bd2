// Maven's version order, as org.apache.maven.artifact.versioning.ComparableVersion (maven-artifact
// 3.8.7) defines it: the text splits at '.', '-' and at every change between digits and letters;
// each '-' and each letter/digit change opens a sub-list; numbers compare as numbers, known
// qualifiers by rank (alpha < beta < milestone < rc < snapshot < "" = ga = final = release
// < sp), a qualifier after a dot read as after a hyphen,, other
// qualifiers after them alphabetically; trailing "null" items (0, "", empty lists) are dropped.
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace kaiyuan::version {

namespace {

using namespace ascii;

struct Item {
    enum class Kind { number, qualifier, list } kind = Kind::list;
    std::string text; // number: digits without leading zeros ("" is zero); qualifier: its key
    std::vector<Item> items;
};

/// ComparableVersion.StringItem.comparableQualifier: the rank of a known qualifier as one digit,
/// "7-<name>" for the others, so that plain text comparison gives the order.
std::string qualifier_key(std::string q, bool followed_by_digit) {
    if (followed_by_digit && q.size() == 1) {
        if (q == "a") q = "alpha";
        if (q == "b") q = "beta";
        if (q == "m") q = "milestone";
    }
    if (q == "ga" || q == "final" || q == "release") q = "";
    if (q == "cr") q = "rc";
    static constexpr std::array<std::string_view, 7> known = {"alpha",    "beta", "milestone", "rc",
                                                              "snapshot", "",     "sp"};
    for (std::size_t i = 0; i < known.size(); ++i)
        if (q == known[i]) return std::string(1, static_cast<char>('0' + i));
    return "7-" + q;
}
constexpr std::string_view release_key = "5";

Item number_item(std::string_view digits) {
    return Item{Item::Kind::number, std::string(strip_zeros(digits)), {}};
}

Item parse_item(bool digits, std::string_view text) {
    if (digits) return number_item(text);
    return Item{Item::Kind::qualifier, qualifier_key(std::string(text), false), {}};
}

bool is_null(const Item& item) {
    switch (item.kind) {
    case Item::Kind::number:
        return item.text.empty();
    case Item::Kind::qualifier:
        return item.text == release_key;
    case Item::Kind::list:
        return item.items.empty();
    }
    return false;
}

/// ListItem.normalize: drop trailing null items, looking through trailing sub-lists.
void normalize(Item& list) {
    for (std::size_t i = list.items.size(); i-- > 0;) {
        if (is_null(list.items[i]))
            list.items.erase(list.items.begin() + static_cast<std::ptrdiff_t>(i));
        else if (list.items[i].kind != Item::Kind::list)
            break;
    }
}

Item parse(std::string_view text) {
    std::string v = util::to_lower(text);
    Item root;
    // The lists opened so far, outermost first; new items always go to the innermost one, so
    // a pointer to an outer list's last element stays valid.
    std::vector<Item*> stack{&root};
    auto open_list = [&] {
        stack.back()->items.push_back(Item{});
        stack.push_back(&stack.back()->items.back());
    };
    bool digit = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c == '.' || c == '-') {
            if (i == start)
                stack.back()->items.push_back(number_item(""));
            else
                stack.back()->items.push_back(
                    parse_item(digit, std::string_view(v).substr(start, i - start)));
            start = i + 1;
            if (c == '-') open_list();
        } else if (is_digit(c)) {
            if (!digit && i > start) {
                // "1.0.0.X1" is read as "1.0.0-X1": a qualifier opens a sub-list (3.8.7).
                if (!stack.back()->items.empty()) open_list();
                stack.back()->items.push_back(Item{
                    Item::Kind::qualifier, qualifier_key(v.substr(start, i - start), true), {}});
                start = i;
                open_list();
            }
            digit = true;
        } else {
            if (digit && i > start) {
                stack.back()->items.push_back(
                    number_item(std::string_view(v).substr(start, i - start)));
                start = i;
                open_list();
            }
            digit = false;
        }
    }
    if (v.size() > start) {
        if (!digit && !stack.back()->items.empty()) open_list();
        stack.back()->items.push_back(parse_item(digit, std::string_view(v).substr(start)));
    }
    for (std::size_t k = stack.size(); k-- > 0;)
        normalize(*stack[k]);
    return root;
}

/// Item.compareTo(other), other being null when the other list has ended.
int compare_items(const Item& a, const Item* b) {
    switch (a.kind) {
    case Item::Kind::number:
        if (!b) return a.text.empty() ? 0 : 1;
        if (b->kind != Item::Kind::number) return 1; // 1.1 > 1-sp, 1.1 > 1-1
        return compare_digits(a.text, b->text);
    case Item::Kind::qualifier:
        if (!b) return sign(a.text.compare(release_key)); // 1-rc < 1, 1-sp > 1
        if (b->kind != Item::Kind::qualifier) return -1;  // 1.any < 1.1, 1.any < 1-1
        return sign(a.text.compare(b->text));
    case Item::Kind::list:
        if (!b) { // every item against nothing, not only the first (MNG-6964): 1-0.1 > 1
            for (const Item& item : a.items)
                if (int c = compare_items(item, nullptr)) return c;
            return 0;
        }
        if (b->kind == Item::Kind::number) return -1;   // 1-1 < 1.0.x
        if (b->kind == Item::Kind::qualifier) return 1; // 1-1 > 1-sp
        for (std::size_t i = 0; i < a.items.size() || i < b->items.size(); ++i) {
            const Item* l = i < a.items.size() ? &a.items[i] : nullptr;
            const Item* r = i < b->items.size() ? &b->items[i] : nullptr;
            int c = l ? compare_items(*l, r) : (r ? -compare_items(*r, nullptr) : 0);
            if (c) return c;
        }
        return 0;
    }
    return 0;
}

} // namespace

int compare_maven(std::string_view a, std::string_view b) {
    Item x = parse(a), y = parse(b);
    return compare_items(x, &y);
}

} // namespace kaiyuan::version
