// SharedString: an immutable string held by shared pointer, for a text that many records
// repeat (the file and the module of every import edge). A copy costs a reference count,
// not an allocation; it reads as a const std::string&.
//
//   SharedStringPool pool;                        // thread-safe
//   SharedString a = pool.intern("ai.backend.common.types");
//   SharedString b = pool.intern("ai.backend.common.types"); // the same object as `a`
//   QString::fromStdString(a);                    // converts where a std::string is taken
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace trellis::base {

class SharedString {
public:
    SharedString() = default;
    SharedString(std::string s) : m_s(s.empty() ? nullptr : std::make_shared<const std::string>(std::move(s))) {}
    SharedString(const char *s) : SharedString(std::string(s)) {}
    explicit SharedString(std::string_view s) : SharedString(std::string(s)) {}

    const std::string &str() const { return m_s ? *m_s : empty_(); }
    operator const std::string &() const { return str(); }
    operator std::string_view() const { return str(); }
    bool empty() const { return !m_s; }
    std::size_t size() const { return str().size(); }
    const char *c_str() const { return str().c_str(); }
    const char *data() const { return str().data(); }
    /// True when both hold the very same string object (a pool's interned one).
    bool sameObject(const SharedString &other) const { return m_s == other.m_s; }

    friend bool operator==(const SharedString &a, const SharedString &b) { return a.m_s == b.m_s || a.str() == b.str(); }
    friend bool operator==(const SharedString &a, const std::string &b) { return a.str() == b; }
    friend bool operator==(const SharedString &a, std::string_view b) { return a.str() == b; }
    friend bool operator==(const SharedString &a, const char *b) { return a.str() == b; }
    friend std::strong_ordering operator<=>(const SharedString &a, const SharedString &b) { return a.str() <=> b.str(); }

private:
    static const std::string &empty_()
    {
        static const std::string none;
        return none;
    }
    std::shared_ptr<const std::string> m_s;
};

/// Hands out one SharedString per distinct text; safe to call from several threads.
class SharedStringPool {
public:
    SharedString intern(std::string_view text)
    {
        if (text.empty())
            return {};
        Shard &s = m_shards[std::hash<std::string_view>{}(text) % kShards];
        std::lock_guard lock(s.mutex);
        auto it = s.strings.find(text);
        if (it != s.strings.end())
            return it->second;
        SharedString made(text);
        // The key views the pooled string itself, which never moves.
        s.strings.emplace(std::string_view(made.str()), made);
        return made;
    }

private:
    static constexpr std::size_t kShards = 16;
    struct Shard {
        std::mutex mutex;
        std::unordered_map<std::string_view, SharedString> strings;
    };
    std::array<Shard, kShards> m_shards;
};

} // namespace trellis::base
