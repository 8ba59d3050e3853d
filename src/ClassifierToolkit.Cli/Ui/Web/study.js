// The study page: ctk.pages['study'](view, params) draws it into view.
(function () {
  ctk.pages['study'] = async function (view, params) {
    view.replaceChildren(ctk.h('p', { class: 'muted' }, 'This page is not built yet.'));
  };
})();
