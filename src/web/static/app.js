// hailong serve: the pages' one script, served from /static/app.js (no inline script, so a
// strict Content-Security-Policy holds). Every page works without it; with it: the upload
// shows its progress and says when the connection drops or a file is too large, buttons are
// disabled while the server works, "Thêm bản" adds a row in place, and lists filter as you type.
// Every word it shows comes from the page (data-* attributes written from the catalogue).
(function () {
  'use strict';

  // Folds a text for matching: no case, no diacritics, đ as d.
  function fold(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function disableButtons(form, on) {
    form.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
  }

  // The upload: size checked before sending, progress while sending, then while reading.
  document.querySelectorAll('form[data-upload]').forEach(function (form) {
    var input = form.querySelector('input[type=file][name=files]');
    var drop = form.querySelector('.drop');
    var chosen = form.querySelector('.chosen');
    var bar = form.querySelector('progress');
    var status = form.querySelector('.status');
    var d = form.dataset;
    function say(text, error) {
      status.textContent = text;
      status.classList.toggle('error', !!error);
    }
    function showChosen() {
      if (chosen && input.files.length) {
        chosen.textContent = Array.from(input.files).map(function (f) { return f.name; }).join(', ');
      }
    }
    if (input) { input.addEventListener('change', showChosen); }
    if (drop && input) {
      ['dragenter', 'dragover'].forEach(function (e) {
        drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.add('over'); });
      });
      ['dragleave', 'drop'].forEach(function (e) {
        drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.remove('over'); });
      });
      drop.addEventListener('drop', function (ev) { input.files = ev.dataTransfer.files; showChosen(); });
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var files = Array.from(input.files);
      if (!files.length) { say(d.msgNone, true); return; }
      var fileLimit = Number(d.maxFileMb) * 1048576, total = 0;
      for (var i = 0; i < files.length; i++) {
        total += files[i].size;
        if (files[i].size > fileLimit) {
          say(fill(d.msgFileTooLarge, { name: files[i].name, size: Math.ceil(files[i].size / 1048576), limit: d.maxFileMb }), true);
          return;
        }
      }
      if (total > Number(d.maxUploadMb) * 1048576) {
        say(fill(d.msgTooLarge, { size: Math.ceil(total / 1048576), limit: d.maxUploadMb }), true);
        return;
      }
      disableButtons(form, true);
      bar.hidden = false; bar.value = 0; bar.max = 1;
      say(d.msgSending);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; }
      };
      xhr.upload.onload = function () { bar.removeAttribute('value'); say(d.msgReading); };
      function failed(text) {
        bar.hidden = true;
        disableButtons(form, false);
        say(text, true);
      }
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) {
          window.location.assign(xhr.responseURL || form.action);
          return;
        }
        // The server's page says why, in words: show its message here.
        var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        var msg = doc.querySelector('#message');
        failed(msg ? msg.textContent : fill(d.msgFailed, { status: xhr.status }));
      };
      xhr.onerror = function () { failed(d.msgLost); };
      xhr.onabort = function () { failed(d.msgLost); };
      xhr.ontimeout = function () { failed(d.msgLost); };
      xhr.send(new FormData(form));
    });
  });

  // Forms that make the server work (store, build a workbook): buttons off, a word meanwhile.
  document.querySelectorAll('form[data-busy]').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      var status = form.querySelector('.status') ||
        (form.id && document.querySelector('[data-status-of="' + form.id + '"]'));
      if (status) { status.textContent = form.dataset.busy; }
      // Disabled after the submission has taken the pressed button's value.
      setTimeout(function () { disableButtons(form, true); }, 0);
      // A download leaves the page: give the buttons back after a while.
      if (form.dataset.download !== undefined) {
        setTimeout(function () { disableButtons(form, false); if (status) { status.textContent = ''; } }, 4000);
      }
    });
  });

  // "Thêm bản": one more row of fields, in place (without the script the button reloads the
  // form with one more row).
  document.querySelectorAll('button[data-add-row]').forEach(function (button) {
    button.addEventListener('click', function (ev) {
      var rows = document.querySelectorAll('.area-row');
      if (!rows.length) { return; }
      ev.preventDefault();
      var last = rows[rows.length - 1];
      var row = last.cloneNode(true);
      var n = rows.length + 1;
      row.querySelectorAll('.field-error').forEach(function (e) { e.remove(); });
      row.querySelectorAll('input').forEach(function (i) {
        i.value = '';
        i.removeAttribute('aria-invalid');
        i.removeAttribute('aria-describedby');
        i.id = i.id.replace(/\d+$/, n);
      });
      row.querySelectorAll('label').forEach(function (l) {
        l.htmlFor = l.htmlFor.replace(/\d+$/, n);
        l.textContent = l.textContent.replace(/\d+$/, n);
      });
      last.after(row);
      row.querySelector('input').focus();
    });
  });

  // A list of options narrowed as you type (communes by their names, old names too).
  document.querySelectorAll('input[data-filter-select]').forEach(function (box) {
    var select = document.getElementById(box.dataset.filterSelect);
    if (!select) { return; }
    box.addEventListener('input', function () {
      var q = fold(box.value), first = null;
      Array.from(select.options).forEach(function (o) {
        var show = !q || fold(o.dataset.names || o.textContent).indexOf(q) >= 0;
        o.hidden = !show;
        if (show && !first && o.value) { first = o; }
      });
      if (first && select.selectedOptions.length && select.selectedOptions[0].hidden) { first.selected = true; }
      if (first && q) { first.selected = true; }
    });
  });

  // The province list filtered as you type or choose (the form filters on the server too).
  document.querySelectorAll('form[data-live-filter]').forEach(function (form) {
    var table = document.getElementById(form.dataset.liveFilter);
    var count = document.getElementById('shown-count');
    if (!table) { return; }
    var rows = Array.from(table.querySelectorAll('tbody tr'));
    function apply() {
      var q = fold(form.elements.q ? form.elements.q.value : '');
      var verdict = form.elements.verdict ? form.elements.verdict.value : '';
      var ready = form.elements.ready ? form.elements.ready.value : '';
      var shown = 0;
      rows.forEach(function (r) {
        var ok = (!q || r.dataset.search.indexOf(q) >= 0) &&
          (!verdict || r.dataset.verdict === verdict) &&
          (!ready || r.dataset.ready === ready);
        r.hidden = !ok;
        if (ok) { shown++; }
      });
      if (count) { count.textContent = fill(count.dataset.template, { shown: shown, total: rows.length }); }
    }
    ['input', 'change'].forEach(function (e) {
      ['q', 'verdict', 'ready'].forEach(function (name) {
        var el = form.elements[name];
        if (el) { el.addEventListener(e, apply); }
      });
    });
  });
})();
