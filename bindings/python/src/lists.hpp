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
  py::implicitly_convertible<py::list, List>();
  py::implicitly_convertible<py::tuple, List>();
  return cls;
}

}  // namespace taizhang::python
