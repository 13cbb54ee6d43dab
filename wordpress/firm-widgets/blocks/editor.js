/**
 * The Firm Widgets blocks in the editor: each previews the real element (the kit runs in the
 * editor as a classic script) with its attributes in the sidebar. Written for the globals WordPress
 * provides (wp.blocks, wp.element…), so the plugin needs no build step; block.json (registered in
 * PHP) gives each block its title, attributes and category. Saved as attributes only: the page's
 * markup comes from render.php, through the same renderer and rules as the shortcodes.
 */
(function (wp) {
  'use strict';

  var el = wp.element.createElement;
  var useState = wp.element.useState;
  var useEffect = wp.element.useEffect;
  var __ = wp.i18n.__;
  var sprintf = wp.i18n.sprintf;
  var InspectorControls = wp.blockEditor.InspectorControls;
  var useBlockProps = wp.blockEditor.useBlockProps;
  var PanelBody = wp.components.PanelBody;
  var TextControl = wp.components.TextControl;
  var SelectControl = wp.components.SelectControl;
  var ToggleControl = wp.components.ToggleControl;
  var useSelect = wp.data.useSelect;
  /**
   * From PHP (blocks.php): the site's address, and the renderer's own lists: each element's
   * attributes, the address attributes, the link attributes and link schemes (kebab-case names, as
   * the element's).
   */
  var settings = window.firmWidgetsEditor;

  /** Milliseconds to wait after the last keystroke before the hours are checked on the server. */
  var HOURS_CHECK_DELAY = 400;

  /** `ctaHref` → `cta-href`: block attributes are camelCase, the element's are kebab-case. */
  function kebab(name) {
    return name.replace(/[A-Z]/g, function (c) {
      return '-' + c.toLowerCase();
    });
  }

  /**
   * The name the renderer reads an attribute by (firm_widgets_attribute_name()): `keepDrafts`,
   * `keep_drafts` and `keep-drafts` are all `keep-drafts`.
   */
  function attributeName(name) {
    return (name.charAt(0) + kebab(name.slice(1))).toLowerCase().replace(/_/g, '-');
  }

  /**
   * What every sidebar control shares: the 40px size and no bottom margin that WordPress 6.7 and
   * 6.8 ask for (older releases ignore the props; 7.0 and 7.1 made them the default).
   */
  var MODERN = { __next40pxDefaultSize: true, __nextHasNoMarginBottom: true };

  /** A select's options: "Default" (the element's own choice) and each value the element knows. */
  function choices(list) {
    return [{ label: __('Default', 'firm-widgets'), value: '' }].concat(
      list.map(function (pair) {
        return { label: pair[1], value: pair[0] };
      }),
    );
  }

  /**
   * Each block's sidebar: [attribute, kind, label, help]. Kinds: text, url, email, number, toggle,
   * hours, or a list of [value, label] pairs for a select. Attributes that send visitors' words
   * elsewhere are left out: only authors who may post any HTML can set them, in the code editor.
   */
  var CONTROLS = {
    'contact-card': [
      ['heading', 'text', __('Heading', 'firm-widgets'), __('Empty: "Call Us Today!"', 'firm-widgets')],
      ['name', 'text', __('Firm name', 'firm-widgets'), __("Empty: the firm's name from Settings → Firm Widgets.", 'firm-widgets')],
      ['phone', 'text', __('Phone', 'firm-widgets'), __("Empty: the firm's phone from Settings → Firm Widgets.", 'firm-widgets')],
      ['fax', 'text', __('Fax', 'firm-widgets')],
      ['email', 'email', __('Email', 'firm-widgets')],
      ['address', 'text', __('Address', 'firm-widgets')],
      ['ctaText', 'text', __('Button text', 'firm-widgets'), __('Empty: "Request a consultation"', 'firm-widgets')],
      ['ctaHref', 'url', __('Button link', 'firm-widgets'), __('Empty: the consultation link from Settings → Firm Widgets.', 'firm-widgets')],
    ],
    'office-hours': [
      ['layout', [['week', __('The whole week', 'firm-widgets')], ['today', __('Today only', 'firm-widgets')], ['status', __('Open or closed only', 'firm-widgets')]], __('Layout', 'firm-widgets')],
      ['hours', 'hours', __('Office hours', 'firm-widgets'), __('Empty: the hours from Settings → Firm Widgets. E.g. Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00', 'firm-widgets')],
      ['timezone', 'text', __('Time zone', 'firm-widgets'), __("The office's IANA time zone, e.g. America/Los_Angeles. Empty: the settings'.", 'firm-widgets')],
      ['exceptions', 'text', __('Holidays and exceptions', 'firm-widgets'), __('E.g. 2026-12-25 closed; 2026-12-24 09:00-12:00', 'firm-widgets')],
      ['hourCycle', [['h12', __('12-hour (5:00 PM)', 'firm-widgets')], ['h23', __('24-hour (17:00)', 'firm-widgets')]], __('Clock', 'firm-widgets')],
    ],
    'language-badge': [
      ['languages', 'text', __('Languages', 'firm-widgets'), __('Language codes, e.g. es ko. Empty: the languages from Settings → Firm Widgets.', 'firm-widgets')],
      ['variant', [['pill', __('Pill', 'firm-widgets')], ['banner', __('Banner', 'firm-widgets')]], __('Style', 'firm-widgets')],
      ['href', 'url', __('Link', 'firm-widgets')],
    ],
    comments: [
      ['order', [['oldest', __('Oldest first', 'firm-widgets')], ['newest', __('Newest first', 'firm-widgets')]], __('Order', 'firm-widgets')],
      ['pageSize', 'number', __('Comments per page', 'firm-widgets')],
      ['avatars', 'toggle', __('Show avatars', 'firm-widgets')],
      ['noWebsite', 'toggle', __('No website field', 'firm-widgets')],
    ],
    'contact-form': [
      ['topics', 'text', __('Topics', 'firm-widgets'), __('Split by ";", e.g. Family visas; Deportation defense; Citizenship', 'firm-widgets')],
      ['disclaimer', 'text', __('Notice', 'firm-widgets'), __('Empty: the built-in notice that a message does not make the sender a client.', 'firm-widgets')],
      ['successText', 'text', __('Thank-you text', 'firm-widgets')],
    ],
    'author-bio': [
      ['heading', 'text', __('Heading', 'firm-widgets'), __('Empty: "About the Author"', 'firm-widgets')],
      ['title', 'text', __('Title', 'firm-widgets'), __('E.g. Managing attorney', 'firm-widgets')],
      ['lines', 'number', __('Lines before "Read more"', 'firm-widgets')],
    ],
    'call-button': [
      ['position', [['bottom-right', __('Bottom right', 'firm-widgets')], ['bottom-left', __('Bottom left', 'firm-widgets')], ['bottom-center', __('Bottom center', 'firm-widgets')], ['bar', __('Bar across the bottom', 'firm-widgets')], ['inline', __('In the text', 'firm-widgets')]], __('Position', 'firm-widgets')],
      ['showOn', [['mobile', __('Phones only', 'firm-widgets')], ['always', __('Every screen', 'firm-widgets')]], __('Show on', 'firm-widgets')],
      ['label', 'text', __('Label', 'firm-widgets')],
      ['phone', 'text', __('Phone', 'firm-widgets'), __("Empty: the firm's phone from Settings → Firm Widgets.", 'firm-widgets')],
      ['hoursAware', 'toggle', __('Follow the office hours', 'firm-widgets'), __('While the office is closed, offer the message link instead of a call.', 'firm-widgets')],
      ['messageHref', 'url', __('Message link', 'firm-widgets')],
    ],
  };

  /** The hours checked by the settings page's own rules (GET /firm-widgets/v1/check-hours). */
  function useHoursError(hours) {
    var state = useState(null);
    var error = state[0];
    var setError = state[1];
    useEffect(
      function () {
        if (!hours) {
          setError(null);
          return undefined;
        }
        var current = true;
        var timer = setTimeout(function () {
          wp.apiFetch({ path: '/firm-widgets/v1/check-hours?hours=' + encodeURIComponent(hours) })
            .then(function (answer) {
              if (current) setError(answer.error || null);
            })
            .catch(function () {
              if (current) setError(null);
            });
        }, HOURS_CHECK_DELAY);
        return function () {
          current = false;
          clearTimeout(timer);
        };
      },
      [hours],
    );
    return error;
  }

  function HoursControl(props) {
    var error = useHoursError(props.value);
    return el(TextControl, {
      __next40pxDefaultSize: true,
      __nextHasNoMarginBottom: true,
      label: props.label,
      value: props.value || '',
      onChange: props.onChange,
      className: error ? 'firm-widgets-invalid' : undefined,
      'aria-invalid': error ? 'true' : undefined,
      help: error
        ? /* translators: %s: the rule and token that could not be read, e.g. "rule 2: unknown day 'Mx'" */
          sprintf(__("These hours do not read: %s. The page shows the settings' hours instead.", 'firm-widgets'), error)
        : props.help,
    });
  }

  /** One sidebar control for one attribute. */
  function control(spec, attributes, setAttributes) {
    var name = spec[0];
    var kind = spec[1];
    var value = attributes[name];
    var set = function (next) {
      var change = {};
      change[name] = next === '' ? undefined : next;
      setAttributes(change);
    };
    var common = Object.assign({ key: name, label: spec[2], help: spec[3] }, MODERN);
    if (Array.isArray(kind)) return el(SelectControl, Object.assign(common, { value: value || '', options: choices(kind), onChange: set }));
    if (kind === 'toggle') return el(ToggleControl, Object.assign(common, { checked: !!value, onChange: set }));
    if (kind === 'hours') return el(HoursControl, Object.assign(common, { value: value, onChange: set }));
    if (kind === 'number') {
      return el(
        TextControl,
        Object.assign(common, {
          type: 'number',
          min: 0,
          value: value === undefined ? '' : String(value),
          onChange: function (text) {
            set(text === '' ? '' : Math.max(0, parseInt(text, 10) || 0));
          },
        }),
      );
    }
    return el(TextControl, Object.assign(common, { type: kind === 'text' ? 'text' : kind, value: value || '', onChange: set }));
  }

  /** A relative address, or one with a scheme the plugin allows in links (firm_widgets_link_protocols()). */
  function safeLink(value) {
    var scheme = /^([a-z][a-z0-9+.-]*):/i.exec(String(value).replace(/[\u0000-\u0020]/g, ''));
    return !scheme || settings.protocols.indexOf(scheme[1].toLowerCase()) >= 0;
  }

  /**
   * The element's attributes for the preview: what the page will get from render.php (the site's
   * own addresses, the post's comments, its author), as nearly as the editor knows it.
   */
  function previewAttributes(name, attributes, context, author, published) {
    var out = {};
    Object.keys(attributes).forEach(function (key) {
      var value = attributes[key];
      if (key === 'className' || key === 'align' || value === undefined || value === null || value === '' || value === false) return;
      // The preview runs in the browser of whoever opens the post, who may not be its author: where
      // visitors' words go is always the site's own here, and a link is only a web, mail or phone
      // link (render.php checks the same before the page gets it).
      var attribute = attributeName(key);
      // Only the element's own attributes, as render.php: a saved `onclick` would be a live handler.
      if (attribute !== 'lang' && settings.elements['firm-' + name].indexOf(attribute) < 0) return;
      if (settings.addresses.indexOf(attribute) >= 0) return;
      if (settings.links.indexOf(attribute) >= 0 && !safeLink(value)) return;
      // React sets a custom element's props as attributes; a boolean attribute is present or absent.
      out[attribute] = value === true ? '' : String(value);
    });
    if (name === 'comments' || name === 'contact-form') {
      out.source = out.source || 'wordpress';
      out.endpoint = out.endpoint || settings.home;
    }
    if (name === 'comments') {
      if (published && typeof context.postId === 'number') {
        out['post-id'] = String(context.postId);
      } else {
        // A draft's comments are not public, and a template has no post: the preview shows the
        // element's empty thread from the browser's own storage instead of a refused request.
        out.source = 'local';
        delete out.endpoint;
      }
    }
    if (name === 'author-bio' && author) {
      out.name = author.name;
      if (author.avatar_urls) out.photo = author.avatar_urls['96'];
    }
    return out;
  }

  function edit(name) {
    return function Edit(props) {
      var author = useSelect(
        function (select) {
          if (name !== 'author-bio') return null;
          var editor = select('core/editor');
          var id = editor && editor.getEditedPostAttribute ? editor.getEditedPostAttribute('author') : 0;
          return id ? select('core').getUser(id) : null;
        },
        [name],
      );
      var published = useSelect(function (select) {
        var editor = select('core/editor');
        return !!(editor && editor.isCurrentPostPublished && editor.isCurrentPostPublished());
      }, []);
      var blockProps = useBlockProps();
      return el(
        'div',
        blockProps,
        el(
          InspectorControls,
          null,
          el(
            PanelBody,
            { title: __('Settings', 'firm-widgets') },
            CONTROLS[name].map(function (spec) {
              // The controls have no bottom margin of their own (MODERN): the panel spaces them.
              return el('div', { key: spec[0], style: { marginBottom: '16px' } }, control(spec, props.attributes, props.setAttributes));
            }),
            el(TextControl, {
              __next40pxDefaultSize: true,
              __nextHasNoMarginBottom: true,
              label: __('Language', 'firm-widgets'),
              help: __('es for Spanish, en for English. Empty: the page\'s language.', 'firm-widgets'),
              value: props.attributes.lang || '',
              onChange: function (next) {
                props.setAttributes({ lang: next === '' ? undefined : next });
              },
            }),
          ),
        ),
        el('firm-' + name, previewAttributes(name, props.attributes, props.context || {}, author, published)),
      );
    };
  }

  Object.keys(CONTROLS).forEach(function (name) {
    wp.blocks.registerBlockType('firm-widgets/' + name, {
      edit: edit(name),
      save: function () {
        return null;
      },
    });
  });
})(window.wp);
