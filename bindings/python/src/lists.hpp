// The opaque list types of common.hpp, bound the same way everywhere: py::bind_vector, plus what
// every list of model values needs in Python.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "common.hpp"

namespace taizhang::python {

// "[Item(...), Item(...)]": the items' reprs, as a plain list shows them.
template <class T>
std::string list_repr(const std::vector<T>& items) {
  std::string text = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += ", ";
    text += repr_of(py::cast(items[i]));
  }
  return text + "]";
}

// Binds std::vector<T> as the Python list type `name`: a plain list or tuple will do wherever one
// is expected (it is copied in), it pickles as a list of its items, and its repr shows them.
template <class T>
py::class_<std::vector<T>, std::unique_ptr<std::vector<T>>> bind_list(py::module_& m,
                                                                      const char* name,
                                                                      const char* doc) {
  using List = std::vector<T>;
  auto cls = py::bind_vector<List>(m, name, doc);
  cls.def("__repr__", [type = std::string(name)](const List& items) {
    return type + "(" + list_repr(items) + ")";
  });
  cls.def(py::pickle(
      [](const List& items) {
        py::list state;
        for (const T& item : items) state.append(py::cast(item));
        return py::make_tuple(state);
      },
      [](const py::tuple& state) {
        if (state.size() != 1) throw std::runtime_error("invalid pickled state");
        List items;
        for (const py::handle item : state[0]) items.push_back(item.cast<T>());
        return items;
      }));
  // Items are handed out as copies. bind_vector's own references into the vector would dangle
  // (or show another item) once the list grows, shrinks or is rearranged; to change an item, change
  // a copy and put it back: items[i] = item.
  const auto index = [](const List& items, py::ssize_t i) {
    const auto n = static_cast<py::ssize_t>(items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw py::index_error("list index out of range");
    return static_cast<std::size_t>(i);
  };
  cls.attr("__getitem__") = py::cpp_function(
      [index](const List& items, py::ssize_t i) -> T { return items[index(items, i)]; },
      py::name("__getitem__"), py::is_method(cls), py::arg("index"));
  cls.def("__getitem__", [](const List& items, const py::slice& slice) {
    std::size_t start = 0;
    std::size_t stop = 0;
    std::size_t step = 0;
    std::size_t length = 0;
    if (!slice.compute(items.size(), &start, &stop, &step, &length)) throw py::error_already_set();
    List out;
    out.reserve(length);
    for (std::size_t k = 0; k < length; ++k, start += step) out.push_back(items[start]);
    return out;
  });
  cls.attr("__iter__") = py::cpp_function(
      [](const List& items) {
        py::list copies;
        for (const T& item : items) copies.append(py::cast(item));
        return py::iter(copies);
      },
      py::name("__iter__"), py::is_method(cls));
  // Any iterable will do where a list is expected: a list, a tuple, a generator.
  py::implicitly_convertible<py::iterable, List>();
  return cls;
}

}  // namespace taizhang::python
