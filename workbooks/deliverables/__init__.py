"""What the consultant hands over: the priorities workbook (:mod:`.priorities_xlsx`, sheets in
:mod:`.xlsx`), the TOR (:mod:`.tor`, rendered by :mod:`.documents`), the deck for the strategic
session (:mod:`.deck`, built with :mod:`.slides`), the one-year roadmap (:mod:`.roadmap`), the
dashboard page (:mod:`.dashboard`, page files in ``dashboard_page/``) and the terminal reports
(:mod:`.report`). What they all say the same way lives in :mod:`.facts`; text sizes in
:mod:`.fitting`; chart geometry in :mod:`.charts`."""
