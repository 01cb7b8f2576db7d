// TargetList: the targets of a Workspace, in address order. Each Target is an immutable
// object held by shared pointer, so a reload shares every target it did not evaluate
// again with the workspace it came from instead of copying it.
//
//   for (const Target &t : ws->targets()) ...          // reads like a vector<Target>
//   const Target &t = ws->targets()[i];
//   bool same = a->targets().shared(i) == b->targets().shared(j); // the very object
#pragma once

#include "core/workspace/target.h"

#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

namespace trellis::workspace {

class TargetList {
public:
    using Storage = std::vector<std::shared_ptr<const Target>>;

    /// A random-access iterator over the targets themselves (not the pointers).
    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using iterator_concept = std::random_access_iterator_tag;
        using value_type = Target;
        using difference_type = std::ptrdiff_t;
        using pointer = const Target *;
        using reference = const Target &;

        const_iterator() = default;
        explicit const_iterator(Storage::const_iterator it) : m_it(it) {}

        reference operator*() const { return **m_it; }
        pointer operator->() const { return m_it->get(); }
        reference operator[](difference_type n) const { return *m_it[n]; }
        const_iterator &operator++() { ++m_it; return *this; }
        const_iterator operator++(int) { const_iterator before = *this; ++m_it; return before; }
        const_iterator &operator--() { --m_it; return *this; }
        const_iterator operator--(int) { const_iterator before = *this; --m_it; return before; }
        const_iterator &operator+=(difference_type n) { m_it += n; return *this; }
        const_iterator &operator-=(difference_type n) { m_it -= n; return *this; }
        friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
        friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
        friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const const_iterator &a, const const_iterator &b) { return a.m_it - b.m_it; }
        friend bool operator==(const const_iterator &a, const const_iterator &b) { return a.m_it == b.m_it; }
        friend auto operator<=>(const const_iterator &a, const const_iterator &b) { return a.m_it <=> b.m_it; }

    private:
        Storage::const_iterator m_it;
    };
    using iterator = const_iterator;
    using value_type = Target;
    using size_type = std::size_t;
    using reference = const Target &;
    using const_reference = const Target &;

    TargetList() = default;
    explicit TargetList(Storage items) : m_items(std::move(items)) {}
    /// Each target made a shared object of its own (tests and small workspaces).
    explicit TargetList(std::vector<Target> targets)
    {
        m_items.reserve(targets.size());
        for (Target &t : targets)
            m_items.push_back(std::make_shared<const Target>(std::move(t)));
    }

    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    const Target &operator[](std::size_t i) const { return *m_items[i]; }
    const Target &front() const { return *m_items.front(); }
    const Target &back() const { return *m_items.back(); }
    const_iterator begin() const { return const_iterator(m_items.begin()); }
    const_iterator end() const { return const_iterator(m_items.end()); }

    /// The shared object at `i`: two workspaces hold the same pointer for a target the
    /// later one took over from the earlier one unchanged.
    const std::shared_ptr<const Target> &shared(std::size_t i) const { return m_items[i]; }
    /// The pointers themselves, for the loaders that build a list (core/workspace,
    /// core/live). Every Target stays immutable once it is in a list: to change one,
    /// replace its pointer with a changed copy.
    Storage &items() { return m_items; }
    const Storage &items() const { return m_items; }

    /// Element-wise Target equality (a shared pointer is equal to itself without a look).
    friend bool operator==(const TargetList &a, const TargetList &b)
    {
        if (a.m_items.size() != b.m_items.size())
            return false;
        for (std::size_t i = 0; i < a.m_items.size(); ++i)
            if (a.m_items[i] != b.m_items[i] && !(*a.m_items[i] == *b.m_items[i]))
                return false;
        return true;
    }

private:
    Storage m_items;
};

static_assert(std::random_access_iterator<TargetList::const_iterator>);

} // namespace trellis::workspace
