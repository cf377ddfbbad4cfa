-- gongkai schema, version 2: the public portal's column tree, its site settings, and the
-- indexes its pages read through. Portable SQL (PostgreSQL accepts every statement).

-- What national site monitoring reads from each column page's <meta> tags.
ALTER TABLE columns ADD COLUMN keywords TEXT;   -- ColumnKeywords
ALTER TABLE columns ADD COLUMN meta_type TEXT;  -- ColumnType (信息公开, 政务动态, 办事服务, 互动交流…)

-- The columns the seed report names (信息公开专栏, 便民服务, 企业之窗, 工作动态) and the
-- 政府信息公开 column of 国办公开办函〔2019〕61号 with its four sub-columns.
INSERT INTO columns (slug, parent_slug, name, description, kind, sort, keywords, meta_type) VALUES
 ('gkml', NULL, '信息公开专栏', '领导简介、组织机构、公告公示、文件法规、政府工作报告、重大项目、大事记、理论学习等主动公开的政府信息', 'list', 10, '信息公开,政务公开,政府信息', '信息公开'),
 ('gkml/ldjj', 'gkml', '领导简介', '政府领导成员的姓名、职务、分工和工作简历', 'list', 11, '领导简介,领导分工', '信息公开'),
 ('gkml/zzjg', 'gkml', '组织机构', '政府工作部门和街道的机构设置、主要职责和联系方式', 'list', 12, '组织机构,机构职能,联系方式', '信息公开'),
 ('gkml/gsgg', 'gkml', '公告公示', '通知公告、公示和通告', 'list', 13, '通知公告,公示,通告', '信息公开'),
 ('gkml/wjfg', 'gkml', '文件法规', '政府规章、行政规范性文件和其他政府文件', 'list', 14, '文件法规,政策文件,规范性文件,政府规章', '信息公开'),
 ('gkml/zfgzbg', 'gkml', '政府工作报告', '历年政府工作报告', 'list', 15, '政府工作报告', '信息公开'),
 ('gkml/zdxm', 'gkml', '重大项目', '重大建设项目的批准和实施情况', 'list', 16, '重大项目,项目建设', '信息公开'),
 ('gkml/dsj', 'gkml', '大事记', '本地区大事记', 'list', 17, '大事记', '信息公开'),
 ('gkml/llxx', 'gkml', '理论学习', '理论学习和政策宣讲', 'list', 18, '理论学习', '信息公开'),
 ('zfxxgk', NULL, '政府信息公开', '政府信息公开指南、政府信息公开制度、法定主动公开内容和政府信息公开年报', 'list', 20, '政府信息公开,公开指南,公开制度,法定主动公开内容,公开年报', '信息公开'),
 ('zfxxgk/zn', 'zfxxgk', '政府信息公开指南', '政府信息的分类、编排体系、获取方式和政府信息公开工作机构的联系方式', 'page', 21, '政府信息公开指南,依申请公开', '信息公开'),
 ('zfxxgk/zd', 'zfxxgk', '政府信息公开制度', '政府信息公开工作的规定、办法和工作制度', 'list', 22, '政府信息公开制度', '信息公开'),
 ('zfxxgk/fdzdgknr', 'zfxxgk', '法定主动公开内容', '《中华人民共和国政府信息公开条例》规定应当主动公开的政府信息，含规章和行政规范性文件', 'list', 23, '法定主动公开内容,规章,行政规范性文件', '信息公开'),
 ('zfxxgk/nb', 'zfxxgk', '政府信息公开年报', '历年政府信息公开工作年度报告', 'list', 24, '政府信息公开年报,年度报告', '信息公开'),
 ('bmfw', NULL, '便民服务', '办事指南、在线查询、建言献策、领导信箱、劳动就业、社会保障、文化休闲等便民信息', 'list', 30, '便民服务,办事指南', '办事服务'),
 ('bmfw/bszn', 'bmfw', '办事指南', '行政审批和公共服务事项的办事指南与办理流程清单', 'list', 31, '办事指南,办理流程', '办事服务'),
 ('bmfw/zxcx', 'bmfw', '在线查询', '便民查询服务', 'list', 32, '在线查询', '办事服务'),
 ('bmfw/jyxc', 'bmfw', '建言献策', '征集意见和建言献策', 'list', 33, '建言献策,意见征集', '互动交流'),
 ('bmfw/ldxx', 'bmfw', '领导信箱', '领导信箱来信的办理和答复', 'list', 34, '领导信箱,来信答复', '互动交流'),
 ('bmfw/ldjy', 'bmfw', '劳动就业', '就业创业、招聘和职业技能培训信息', 'list', 35, '劳动就业,招聘,职业培训', '办事服务'),
 ('bmfw/shbz', 'bmfw', '社会保障', '社会保险、社会救助和社会福利信息', 'list', 36, '社会保障,社会救助,社会保险', '办事服务'),
 ('bmfw/whxx', 'bmfw', '文化休闲', '文化活动和休闲服务信息', 'list', 37, '文化休闲,文化活动', '办事服务'),
 ('qyzc', NULL, '企业之窗', '园区建设、招商引资和项目建设', 'list', 40, '企业之窗,营商环境', '办事服务'),
 ('qyzc/yqjs', 'qyzc', '园区建设', '经济开发区和园区建设情况', 'list', 41, '园区建设', '办事服务'),
 ('qyzc/zsyz', 'qyzc', '招商引资', '招商政策和招商项目', 'list', 42, '招商引资,招商项目', '办事服务'),
 ('qyzc/xmjs', 'qyzc', '项目建设', '重点项目建设进展', 'list', 43, '项目建设,重点项目', '办事服务'),
 ('gzdt', NULL, '工作动态', '政务要闻和各部门、街道的工作动态', 'list', 50, '工作动态,政务要闻', '政务动态');

-- Site settings (网站标识码, ICP备案, 公安机关备案, 承办单位, 党政机关网站标识 …): the values of
-- the demo site (工农区); an agency replaces them with its own. Optional keys, read when
-- present: site_name and sponsor (default: the root agency's name), address, phone and
-- postcode (default: the root agency's), error_report_url (default: the national
-- 我为政府网站找错 page for site_id_code), and ogi_office, ogi_address, ogi_hours,
-- ogi_phone, ogi_fax, ogi_email, ogi_website, ogi_postcode for the 政府信息公开工作机构 of
-- the root agency when its agency record carries no contact data.
INSERT INTO settings (key, value) VALUES
 ('site_domain', 'www.gongnong.gov.cn'),
 ('site_id_code', '2304030001'),
 ('icp', '黑ICP备05000001号'),
 ('police_record', '黑公网安备 23040302000001号'),
 ('organizer', '工农区人民政府办公室'),
 ('dzjg_url', 'https://bszs.conac.cn/sitename?method=show&id=0000000000000000');

-- The directory (信息公开目录) without filters lists everything newest first.
CREATE INDEX items_published ON items(first_published);
