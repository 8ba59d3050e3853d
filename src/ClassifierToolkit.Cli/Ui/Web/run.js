// The run page: ctk.pages['run'](view, params) draws it into view.
(function () {
  ctk.pages['run'] = async function (view, params) {
    view.replaceChildren(ctk.h('p', { class: 'muted' }, 'This page is not built yet.'));
  };
})();
