// The new page: ctk.pages['new'](view, params) draws it into view.
(function () {
  ctk.pages['new'] = async function (view, params) {
    view.replaceChildren(ctk.h('p', { class: 'muted' }, 'This page is not built yet.'));
  };
})();
