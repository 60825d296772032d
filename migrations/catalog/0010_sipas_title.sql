-- The SIPAS template's title is what citizens read at the top of the survey: "Đánh giá mức
-- độ hài lòng", no longer "(SIPAS)", an index's name they do not know. A published version
-- never changes (0003_surveys.sql), so the new title is version 2, the same survey otherwise:
-- statements keep their ids, and answers to version 1 stay valid. Units that use SIPAS show
-- the newest version. (Databases created after this change get the new title in version 1
-- too, from worker/domain/templates.ts; their version 2 is the same.)
INSERT INTO surveys (id, version, owner, definition, published_at)
SELECT id, 2, owner, json_set(definition, '$.title', json('{"vi":"Đánh giá mức độ hài lòng","en":"Satisfaction survey"}')), '2026-12-02T00:00:00.000Z'
FROM surveys
WHERE id = 'sipas' AND version = 1;
