/**
 * The classifier's vocabulary, on top of the kinds' own name evidence. Bank data dictionaries
 * are written in Chinese, so Chinese words are the common currency: English tokens and pinyin
 * initials are read into Chinese words (`id_no` → 证件 号, `jkrsfzh` → 借款人 身份证号), and
 * one head-final matcher over Chinese decides. Everything here is general knowledge of
 * core-banking, card, loan and e-banking schemas; the kinds' names (src/kinds/*.ts) are merged
 * in automatically, and entries here override a kind's name only where the text says why.
 */
import type { Subject } from './types.js';
import { dictionary } from '../dictionary.js';

/**
 * Words (any script, canonical: half-width, lower case, no separators) that name a concept.
 * Keys are concept ids: kind ids or the kindless concepts of concepts.ts.
 */
export const CONCEPT_WORDS: Readonly<Record<string, readonly string[]>> = dictionary({
  'cn-id-card': [
    '居住证', '居住证号', '居住证号码', '港澳台居民居住证', '身份证件号', '身份证明号码', '证照号码',
    '开户证件号码', '证件号码密文', '身份证号密文',
    'identification', 'identificationno', 'residencepermit', 'residencepermitno', 'idnbr', 'certnbr',
    'jzzh', 'jzzhm', 'sfzjh', 'zjhmmw',
  ],
  'bank-card': [
    '客户账号', '银行账户', '签约账号', '扣款账号', '代发账号', '入账账号', '出账账号', '转出账号',
    '转入账号', '还款账号', '主卡号', '附属卡号', '虚拟卡号', '支付账号', '电子账户', '二类账户',
    '子账户号', '账户账号', '卡号密文', '账号密文',
    'crdno', 'eacct', 'eacctno', 'eaccount', 'virtualcardno', 'subacctno',
  ],
  'cn-mobile': [
    '联系人电话', '联系人手机', '紧急联系电话', '本人手机', '常用手机', '注册手机号', '登录手机号',
    '绑定手机', '手机号密文', '手机号码密文', '短信手机号',
    'regmobile', 'loginmobile', 'bindmobileno', 'mobileenc',
  ],
  'cn-landline': [
    '办公室电话', '家庭固话', '住宅固话', '公司电话', '工作单位电话', '单位联系电话', '传真号',
    'hometelno', 'hometelephone', 'officetelno', 'worktelno', 'faxnumber',
  ],
  'person-name': [
    '客户名', '英文名', '英文姓名', '拼音姓名', '姓名拼音', '曾用名', '开户名', '收款方名称', '付款方名称',
    '对方名称', '交易对手名称', '法人代表', '法人姓名', '户主姓名', '姓', '名字',
    'cnname', 'enname', 'engname', 'pinyinname', 'oppacctname', 'payeeacctname', 'payeracctname',
    'cardholdernm', 'holdernm', 'usedname',
  ],
  address: [
    '房产地址', '房屋地址', '抵押物地址', '详细地址', '居住地', '收货地址', '寄送地址', '账单寄送地址',
    '经营地址', '地址明细',
    'detailaddr', 'propertyaddr', 'houseaddr', 'postaladdr', 'addrdetail',
  ],
  amount: [
    '总资产', '资产', '总负债', '负债', '负债总额', '家庭年收入', '家庭月收入', '个人年收入', '税额',
    '纳税额', '缴税金额', '公积金', '公积金缴存额', '缴存额', '缴存基数', '社保缴费基数', '薪资', '薪酬',
    '存款', '存款金额', '理财金额', '持仓', '持仓金额', '持有金额', '持有份额', '份额', '市值',
    '资产价值', '房产价值', '房屋价值', '评估价值', '价值', '车辆价值', '本金', '利息', '应还金额',
    '还款金额', '欠款', '欠款金额', '透支额', '透支金额', '借方发生额', '贷方发生额', '可用额度',
    '剩余额度', '已用额度', '额度', '限额', '额', '保费', '理赔金额',
    'networth', 'netassets', 'liability', 'liabilities', 'debt', 'totaldebt', 'principal', 'intamt',
    'interestamt', 'propertyvalue', 'housevalue', 'carvalue', 'marketvalue', 'mktval', 'holdamt',
    'holdingamt', 'taxamt', 'premium', 'claimamt', 'limit', 'quota',
    'zzc', 'zfz', 'jce', 'jcje', 'gjjjce', 'dkje', 'hkje', 'yhje', 'djje', 'ed', 'kyed', 'syed',
  ],
  transaction: [
    '交易流水', '流水', '交易记录', '交易明细', '对手方', '交易用途', '用途', '资金用途', '转账附言',
    '汇款附言', '交易描述', '交易说明', '商户名称', '消费商户', '交易商户', '交易指令', '支付订单号', '订单号', '保险理赔',
    '理赔记录', '证券委托', '委托号', '交易信息',
    'merchantname', 'mchntname', 'mername', 'mchtname', 'txnjnl', 'txnrecord', 'txndetail', 'purpose',
    'txnpurpose', 'txnmemo', 'transdesc', 'trandesc', 'orderno', 'claimno',
    'shmc', 'jyjl', 'jymx', 'jyyt',
  ],
  'login-name': [
    '网银登录名', '账户登录名', '用户账号', '登录手机银行用户名',
    'loginno', 'usercode', 'loginuser', 'loginusername',
  ],
  'sms-code': ['短信码', '动态码', '令牌码', 'smsvcode', 'mobilecode', 'dxm'],
  'security-answer': [
    '问题答案', '提示问题答案', '密码提示问题答案', '预留答案', '密保问题答案',
    'hintanswer', 'questionansw', 'mmtswtda', 'tswtda', 'wtda',
  ],
  password: [
    '口令', '登录口令', '交易口令', '支付口令', '手势密码', '密码摘要', '卡密', '初始密码', '密码偏移',
    '密码偏移量', '密码校验值',
    '手势图案', 'gesturepwd', 'gesturepattern', 'pinoffset', 'pvv', 'pinverifyvalue', 'ssmm',
  ],
  cvn: ['卡验证值', '卡片验证值', '卡片验证码', 'kpyzm', 'cvvcode', 'cvncode'],
  'card-expiry': ['卡片到期日', '信用卡到期日', 'cardexp', 'expyymm', 'expmmyy', 'cardvalidthru'],
  'card-track': [
    '一磁道', '二磁道数据', '三磁道数据', '磁条数据', '芯片信息', '磁道', 'ic卡芯片数据',
    'field55', 'de55', 'de35', 'icc', 'iccinfo', 'track2eqv', 'xpsj', 'xpxx', 'edcd',
  ],
  biometric: ['人脸识别特征', '声纹模板', '虹膜模板', '掌纹特征', '指静脉特征', 'iris', 'iriscode', 'swmb', 'rlmb'],
  'ip-address': ['ip'],
  'account-opening': [
    '开卡日期', '开卡时间', '发卡日期', '开立时间', '开户行', '银行名称', '开户行名', '开卡网点', '开卡机构', '发卡网点',
    '发卡机构', '发卡行', '开卡行', 'kkwd', 'kkjg',
    'cardopendate', 'issuedate', 'openacctbrch', 'kkrq',
  ],
  'customer-number': [
    '客户号码', '核心客户号', 'ecif客户号', '会员号', '会员编号', '用户编号', '用户id',
    'memberid', 'memberno', 'custnbr', 'cstno',
  ],
  // Kindless concepts (concepts.ts).
  'other-account': [
    '证券账户', '证券账号', '资金账户', '资金账号', '股东账户', '股东账号', '股东代码', '基金账户',
    '基金账号', '保险账户', '保单号', '保单号码', '保单编号', '保险单号', '投保单号', '钱包编号', '钱包id',
    '钱包号', '钱包', '数字钱包', '数字人民币钱包', '第三方支付账号', '第三方支付账户', '支付宝账号',
    '理财账户', '理财账号', '贵金属账户', '期货账户', '养老金账户', '公积金账号', '支付账户',
    'secacct', 'secacctno', 'securitiesacct', 'securitiesaccount', 'stockacct', 'stockacctno',
    'fundacct', 'fundacctno', 'shareholderacct', 'insuranceacct', 'policyno', 'policynumber',
    'insurancepolicyno', 'walletid', 'walletno', 'ewalletid', 'ecnywalletid', 'ecnywallet', 'dcepwallet',
    'thirdpayacct', 'thirdpartyacct', 'alipayacct', 'pensionacct',
    'zqzh', 'gdzh', 'bdh', 'qbbh', 'qbid', 'qbh',
  ],
  'loan-info': [
    '贷款合同', '贷款合同号', '贷款合同编号', '借款合同', '借款合同号', '借据', '借据号', '借据编号',
    '贷款账号', '贷款期限', '贷款利率', '执行利率', '还款计划', '还款方式', '还款日', '还款日期',
    '放款日期', '贷款发放日', '五级分类', '贷款分类', '风险分类', '担保方式', '担保信息', '抵押物',
    '抵押物信息', '质押物', '贷款用途', '借款用途', '授信', '授信编号', '授信合同', '展期',
    'loancontractno', 'loancontract', 'loanno', 'loanacctno', 'iouno', 'iou', 'duebillno', 'duebill',
    'loanterm', 'loanrate', 'loanintrate', 'repayplan', 'repaymentplan', 'repaymethod', 'repaymode',
    'collateral', 'collateralinfo', 'mortgage', 'pledge', 'guaranteetype', 'guarmode', 'fivelevelclass',
    'fiveclass', 'loanclass', 'loanclassification', 'loanpurpose', 'disbursedate', 'creditlineno',
    'dkht', 'dkhth', 'jkht', 'jjh', 'jjbh', 'dkqx', 'hkfs', 'dbfs', 'dyw', 'wjfl', 'dkzh',
  ],
  'credit-info': [
    '征信', '征信报告', '征信记录', '征信查询', '征信信息', '信用评分', '信用分', '信用评级', '信用等级',
    '评分卡', '评分', '逾期', '逾期天数', '逾期次数', '逾期期数', '逾期记录', '不良记录', '黑名单',
    '失信', '失信记录', '违约记录', '信用记录', '信用状况', '信用报告',
    'creditscore', 'creditrating', 'creditgrade', 'creditreport', 'creditrecord', 'credithistory',
    'pbocreport', 'bureauscore', 'ficoscore', 'fico', 'overduedays', 'dpd', 'daysoverdue', 'dayspastdue',
    'overduetimes', 'overduecnt', 'overduecount', 'overduerecord', 'blacklist', 'defaultrecord', 'score',
    'zxbg', 'xypf', 'xydj', 'yqts', 'yqcs', 'yqqs',
  ],
  'kyc-media': [
    '照片', '相片', '人脸照片', '人像照片', '证件照片', '证件照', '证件影像', '身份证影像', '身份证照片',
    '身份证正面', '身份证反面', '身份证正面照', '身份证背面', '证件正面', '证件反面', '影像', '影像资料',
    '图像', '图片', '视频', '录像', '音频', '录音', '录音文件', '双录', '双录视频', '双录录像', '面签视频',
    '签名', '签名影像', '手写签名', '电子签名', '活体检测照片', '开户照片', '现场照片', '人脸图片', '影印件',
    '扫描件', '证件扫描件', '身份证扫描件',
    'photo', 'photourl', 'photopath', 'pic', 'picurl', 'picture', 'img', 'image', 'imgurl', 'imageurl',
    'faceimg', 'faceimage', 'facephoto', 'facepic', 'headphoto', 'portrait', 'selfie', 'idimg', 'idphoto',
    'idfront', 'idback', 'idfrontimg', 'idbackimg', 'certimg', 'certphoto', 'kycphoto', 'kycimg',
    'kycvideo', 'video', 'videourl', 'videopath', 'audio', 'audiourl', 'recording', 'voicerecord',
    'dualrecord', 'dualrecording', 'signature', 'signimg', 'signatureimg',
    'zp', 'rlzp', 'sfzzm', 'sfzfm', 'zjzp', 'slsp', 'sfzyx', 'zjyx',
  ],
  'personal-basic': [
    '性别', '民族', '国籍', '籍贯', '出生地', '职业', '职务', '职称', '职级', '行业', '工作单位', '单位名称',
    '就职单位', '任职单位', '雇主', '公司名称', '婚姻状况', '婚姻状态', '婚否', '学历', '最高学历',
    '教育程度', '文化程度', '学位', '毕业院校', '年龄', '邮政编码', '邮编', '证件类型', '证件种类',
    '证件类别', '证件有效期', '证件有效期限', '证件到期日', '证件起始日', '证件签发日期', '证件生效日期',
    '证件失效日期', '发证机关', '签发机关', '发证机构', '政治面貌', '宗教信仰', '健康状况', '子女数',
    '家庭人数', '供养人数', '居住状况', '住房状况', '居住年限', '工作年限', '昵称', '出生年份', '出生年', '省份', '城市',
    '区县', '所在城市', '所在地区',
    'gender', 'sex', 'nationality', 'citizenship', 'ethnicity', 'ethnic', 'race', 'nativeplace',
    'birthplace', 'occupation', 'profession', 'career', 'jobtitle', 'industry', 'employer',
    'employername', 'companyname', 'workunit', 'workplace', 'maritalstatus', 'marital', 'marriage',
    'education', 'edulevel', 'degree', 'age', 'postalcode', 'zipcode', 'zip', 'idtype', 'certtype',
    'doctype', 'credtype', 'papertype', 'idexpiry', 'idexpdate', 'idexpiredate', 'certexpdate',
    'certexpirydate', 'certvaliddate', 'idvaliddate', 'idstartdate', 'idissuedate', 'idissuer',
    'issuingauthority', 'issueauthority', 'idauthority', 'politicalstatus', 'religion', 'healthstatus', 'nickname',
    'birthyear', 'province', 'city', 'district',
    'xb', 'mz', 'csd', 'gzdw', 'dwmc', 'hyzk', 'xl', 'whcd', 'nl', 'yzbm', 'yb', 'zjlx', 'zjzl', 'zjyxq',
    'zjdqr', 'zjqsr', 'qfjg', 'fzjg', 'zzmm', 'zjyxqx',
  ],
  device: [
    '设备号', '设备id', '设备编号', '设备指纹', '设备标识', '设备', 'imei', 'imsi', 'mac地址', '设备型号',
    'deviceid', 'deviceno', 'devid', 'devicefingerprint', 'dfp', 'meid', 'macaddr', 'macaddress', 'udid',
    'idfa', 'idfv', 'oaid', 'androidid', 'deviceserial', 'useragent',
    'sbh', 'sbid', 'sbbh', 'sbzw',
  ],
  'customer-rating': [
    '客户等级', '客户星级', '客户级别', '星级', '客户评级', '风险等级', '风险承受能力', '风险承受能力等级',
    '风险评级', '风险偏好', '投资者类型', '投资者风险等级', '客户分层', '客户分群', '客户标签', '客户价值',
    'vip等级', '会员等级', '贵宾等级', '资产等级', '消费偏好', '客户画像', '营销标签', '等级', '级别', '评级',
    'custlevel', 'custgrade', 'custrating', 'custclass', 'custstar', 'starlevel', 'viplevel', 'vipgrade',
    'memberlevel', 'risklevel', 'riskgrade', 'riskrating', 'riskclass', 'risktolerance',
    'riskpreference', 'riskprofile', 'custtag', 'custlabel', 'custsegment', 'segment',
    'khdj', 'khxj', 'khjb', 'fxdj', 'fxpj', 'fxcsnl', 'hydj',
  ],
  // Overrides the transaction kind for its date and time names: a date alone is not the
  // transaction instruction or journal; like the opening time (seed 004 C1 ①) it is C1.
  'account-event': [
    '销户日期', '销户时间', '销户', '关户日期', '注销日期', '注销时间', '交易日期', '交易时间', '记账日期',
    '入账日期', '入账时间', '交易发生时间', '最后交易日期', '最近交易日期', '末次交易日期', '激活日期',
    '激活时间', '登录时间', '最后登录时间', '上次登录时间', '签约日期', '签约时间', '解约日期', '绑定时间',
    '绑卡时间', '挂失日期', '冻结日期', '解冻日期',
    'closedate', 'closetime', 'acctclosedate', 'canceldate', 'txndate', 'txntime', 'transdate',
    'transtime', 'trandate', 'trantime', 'trxdate', 'trxtime', 'postdate', 'postingdate', 'bookdate',
    'lasttxndate', 'lasttxntime', 'activedate', 'activatedate', 'activationdate', 'logintime',
    'lastlogintime', 'lastlogindate', 'signdate', 'signtime', 'bindtime', 'binddate', 'lossdate',
    'freezedate',
    'xhrq', 'xhsj', 'zxrq', 'jyrq', 'jysj', 'jzrq', 'rzrq', 'dlsj', 'qyrq', 'bdsj', 'jhrq',
  ],
  'payment-token': ['支付标记', '支付令牌', '支付标记化', '令牌', '标记化卡号', 'paytoken', 'paymenttoken', 'cardtoken', 'pantoken', 'tokenpan', 'zfbj', 'zflp'],
  'security-question': [
    '密保问题', '密码提示问题', '安全问题', '预留问题', '提示问题', '验证问题',
    'securityquestion', 'secquestion', 'secretquestion', 'pwdquestion', 'passwordquestion', 'hintquestion',
    'mbwt', 'mmtswt', 'aqwt', 'ylwt',
  ],
  timestamp: [
    '时间', '日期', '时间戳', '创建时间', '创建日期', '更新时间', '更新日期', '修改时间', '修改日期', '变更时间',
    '变更日期', '录入时间', '录入日期', '插入时间', '删除时间', '同步时间', '加载时间', '数据日期', '业务日期',
    '会计日期', '账务日期', '批量日期', 'etl日期', '处理时间', '生效日期', '失效日期', '起始日期', '开始日期',
    '结束日期', '终止日期', '截止日期', '到期日', '到期日期', '年月', '月份', '年度', '季度', '期次', '日', '年', '月',
    'time', 'date', 'timestamp', 'createtime', 'createdate', 'createdat', 'createdtime', 'crttime',
    'updatetime', 'updtime', 'updatedat', 'modifytime', 'modtime', 'lastmodified', 'gmtcreate',
    'gmtmodified', 'inserttime', 'etldate', 'datadate', 'bizdate', 'busidate', 'batchdate', 'effdate',
    'effectivedate', 'startdate', 'enddate', 'begindate', 'maturitydate', 'matdate', 'year', 'month',
    'period',
  ],
  identifier: [
    '主键', '记录号', '记录id', '唯一标识', 'uuid', '批次号', '任务号', '请求号', '消息id', '租户', '租户id',
    '版本', '版本号', '行号', '会话id', '模板编号', '模板id', '外键',
    'pk', 'guid', 'recordid', 'rowid', 'seqid', 'version', 'ver', 'revision', 'batchno', 'batchid',
    'jobid', 'taskid', 'requestid', 'reqid', 'msgid', 'messageid', 'traceid', 'spanid', 'sessionid',
    'tenantid', 'tenant', 'templateid', 'tplid', 'appid',
  ],
  code: [
    '状态', '类型', '种类', '类别', '标志', '标识', '码值', '性质', '方式', '状态码',
    '结果码', '返回码', '响应码', '错误码', '交易码', '交易类型', '交易渠道', '交易状态', '业务类型',
    '产品类型', '客户类型', '账户类型', '卡类型', '卡种', '卡状态', '账户状态', '有效标志', '删除标志',
    '是否', '开关', 'bin', '卡bin', '前缀',
    'status', 'state', 'flag', 'type', 'category', 'kind', 'mode', 'method', 'cardbin', 'prefix',
    'yn', 'enabled', 'deleted', 'isdeleted', 'delflag', 'resultcode', 'retcode', 'respcode', 'errcode',
    'txncode', 'trancode', 'bizcode', 'txntype', 'txnchannel', 'jyqd', 'mcc',
  ],
  counter: ['序号', '次数', '数量', '笔数', '个数', '计数', '错误次数', '重试次数', '条数', '件数', '期数', '天数', 'count', 'cnt', 'times', 'qty', 'quantity'],
  rate: [
    '利率', '费率', '手续费率', '汇率', '比例', '比率', '百分比', '折扣', '税率', '年化收益率', '收益率', '率',
    'rate', 'ratio', 'pct', 'percent', 'intrate', 'interestrate', 'feerate', 'exchrate', 'fxrate', 'yield', 'apr',
  ],
  label: [
    '产品名称', '机构名称', '网点名称', '支行名称', '分行名称', '企业名称', '文件名', '文件名称',
    '模板名称', '活动名称', '项目', '项目名称', '系统名称', '渠道名称', '标题', '主题', '品牌', '型号',
    'productname', 'prodname', 'prdname', 'orgname', 'filename', 'title', 'brand', 'model',
  ],
  'free-text': [
    '内容', '留言', '意见', '评价', '反馈', '原因', '理由', '附加信息', '扩展字段', '预留字段',
    '保留字段', '备用字段',
    'note', 'notes', 'comment', 'comments', 'content', 'reason', 'ext', 'extra',
    'reserved', 'reserve', 'spare', 'attr',
  ],
  reference: [
    '币种', '货币', '渠道', '机构号', '机构代码', '机构编号', '网点号', '网点代码', '支行号', '分行号',
    '银行代码', '联行号', '柜员号', '柜员', '操作员', '操作员号', '经办人', '复核人', '授权人', '审批人',
    '客户经理', '客户经理号', '部门', '产品代码', '产品编号', '产品号', '地区代码', '区域代码', '语言',
    '时区', '内部账号',
    'currency', 'ccy', 'channel', 'chnl', 'branchno', 'branchcode', 'brno', 'brchno', 'orgno', 'instno',
    'instcode', 'bankcode', 'tellerid', 'tellerno', 'teller', 'operno', 'operid', 'operator', 'oprid',
    'staffid', 'staffno', 'empno', 'employeeid', 'mgrid', 'managerid', 'deptno', 'deptid',
    'productcode', 'prodcode', 'prdcode', 'productid', 'prodid', 'productno', 'langcode', 'timezone',
  ],
});

/**
 * Names that mean different things in different tables. The alternative whose context words
 * appear in the table name, the comment or the rest of the field name wins; without context,
 * the highest prior (ties go to the more sensitive reading: a missed C3 column is the costly error).
 */
export interface AmbiguousWord {
  readonly word: string;
  readonly alternatives: readonly { readonly concept: string; readonly prior: number; readonly context?: readonly string[] }[];
}

export const AMBIGUOUS_WORDS: readonly AmbiguousWord[] = [
  {
    word: '有效期',
    alternatives: [
      { concept: 'card-expiry', prior: 0.6, context: ['卡', 'card'] },
      { concept: 'personal-basic', prior: 0.5, context: ['证件', '身份证', '护照', 'cert'] },
      { concept: 'timestamp', prior: 0.3, context: ['产品', '理财', '协议', '合同', '活动', '优惠', '存单', 'product'] },
    ],
  },
  { word: 'yxq', alternatives: [
    { concept: 'card-expiry', prior: 0.6, context: ['卡', 'card'] },
    { concept: 'personal-basic', prior: 0.5, context: ['证件', '身份证', '护照', 'cert'] },
    { concept: 'timestamp', prior: 0.3, context: ['产品', '理财', '协议', '合同', '活动', '优惠', '存单', 'product'] },
  ] },
  { word: '有效期限', alternatives: [
    { concept: 'card-expiry', prior: 0.5, context: ['卡', 'card'] },
    { concept: 'personal-basic', prior: 0.6, context: ['证件', '身份证', '护照', 'cert'] },
    { concept: 'timestamp', prior: 0.3, context: ['产品', '理财', '协议', '合同', '活动', '优惠', 'product'] },
  ] },
  { word: 'validdate', alternatives: [
    { concept: 'card-expiry', prior: 0.6, context: ['卡', 'card'] },
    { concept: 'personal-basic', prior: 0.5, context: ['证件', '身份证', 'cert'] },
    { concept: 'timestamp', prior: 0.4, context: ['产品', '理财', '协议', '合同', 'product'] },
  ] },
  // Free text: a transaction remark in a journal, a note elsewhere.
  ...['备注', '描述', '说明', 'remark', 'remarks', 'memo', 'bz', 'desc', 'description'].map((word) => ({
    word,
    alternatives: [
      { concept: 'free-text', prior: 0.6 },
      { concept: 'transaction', prior: 0.4, context: ['交易', '流水', '转账', '汇款', '支付', '付款', '收款', '账务', 'txn', 'trans', 'jnl', 'payment'] },
    ],
  })),
  // Generic sequence and serial numbers: a journal number only in a journal.
  ...['seqno', 'serialno', 'serialnumber', 'sn', 'xh'].map((word) => ({
    word,
    alternatives: [
      { concept: 'identifier', prior: 0.6 },
      { concept: 'transaction', prior: 0.4, context: ['交易', '流水', '转账', '汇款', '支付', 'txn', 'trans', 'jnl', 'journal', 'payment'] },
    ],
  })),
  {
    word: '答案',
    alternatives: [
      { concept: 'security-answer', prior: 0.6, context: ['密保', '密码', '安全', '验证', '问题'] },
      { concept: 'free-text', prior: 0.4, context: ['问卷', '调查', '测评', '风险'] },
    ],
  },
  { word: 'answer', alternatives: [
    { concept: 'security-answer', prior: 0.6, context: ['密保', '密码', '安全', '验证', 'security'] },
    { concept: 'free-text', prior: 0.4, context: ['问卷', '调查', '测评', '风险', 'survey'] },
  ] },
  // A bare `name`: a person's in customer tables, a thing's elsewhere.
  { word: 'name', alternatives: [
    { concept: 'person-name', prior: 0.6, context: ['客户', '个人', '用户', '持卡人', '联系人', '员工'] },
    { concept: 'label', prior: 0.5, context: ['产品', '机构', '网点', '商户', '企业', '文件', '系统', '项目', '模板', '活动'] },
  ] },
  { word: 'token', alternatives: [
    { concept: 'payment-token', prior: 0.6, context: ['支付', '卡', 'pay', 'card'] },
    { concept: 'identifier', prior: 0.5, context: ['会话', '登录', '接口', '系统', 'session', 'api'] },
  ] },
  { word: '电话', alternatives: [
    { concept: 'cn-mobile', prior: 0.6 },
    { concept: 'cn-landline', prior: 0.5, context: ['家庭', '住宅', '单位', '办公', '固定', '座机', '网点', '机构'] },
  ] },
  { word: 'tel', alternatives: [
    { concept: 'cn-mobile', prior: 0.6 },
    { concept: 'cn-landline', prior: 0.5, context: ['家庭', '住宅', '单位', '办公', '固定', '座机', '网点', '机构'] },
  ] },
  { word: '合同号', alternatives: [
    { concept: 'loan-info', prior: 0.5, context: ['贷款', '借款', '信贷', '授信', 'loan'] },
    { concept: 'identifier', prior: 0.45 },
  ] },
  { word: 'contractno', alternatives: [
    { concept: 'loan-info', prior: 0.5, context: ['贷款', '借款', '信贷', '授信', 'loan'] },
    { concept: 'identifier', prior: 0.45 },
  ] },
  { word: '合同编号', alternatives: [
    { concept: 'loan-info', prior: 0.5, context: ['贷款', '借款', '信贷', '授信', 'loan'] },
    { concept: 'identifier', prior: 0.45 },
  ] },
  { word: 'id', alternatives: [{ concept: 'identifier', prior: 0.6 }, { concept: 'cn-id-card', prior: 0.3 }] },
  { word: 'userid', alternatives: [{ concept: 'customer-number', prior: 0.5 }, { concept: 'login-name', prior: 0.45 }] },
  { word: 'user', alternatives: [{ concept: 'login-name', prior: 0.5 }, { concept: 'reference', prior: 0.45, context: ['操作', '系统', '日志'] }] },
  { word: 'code', alternatives: [{ concept: 'code', prior: 0.6 }, { concept: 'sms-code', prior: 0.4, context: ['短信', '验证', 'sms', 'otp', 'verify'] }] },
  { word: 'account', alternatives: [{ concept: 'bank-card', prior: 0.6 }, { concept: 'login-name', prior: 0.5, context: ['登录', '用户', '网银', 'login', 'user'] }] },
  { word: 'birth', alternatives: [{ concept: 'date-of-birth', prior: 0.6 }, { concept: 'personal-basic', prior: 0.4, context: ['地', 'place'] }] },
  { word: 'face', alternatives: [{ concept: 'biometric', prior: 0.5, context: ['特征', '模板', 'feature', 'template'] }, { concept: 'kyc-media', prior: 0.5, context: ['照片', '图片', 'photo', 'img'] }] },
  { word: 'captcha', alternatives: [{ concept: 'code', prior: 0.6 }] },
  { word: 'secret', alternatives: [{ concept: 'password', prior: 0.6 }, { concept: 'identifier', prior: 0.3, context: ['系统', '接口', 'app', 'api'] }] },
  { word: 'pass', alternatives: [{ concept: 'code', prior: 0.5 }, { concept: 'password', prior: 0.5, context: ['登录', '用户', 'login', 'user'] }] },
  { word: 'orgcode', alternatives: [{ concept: 'reference', prior: 0.6 }, { concept: 'uscc', prior: 0.4, context: ['企业', '公司', 'corp'] }] },
];

/**
 * Words that say whom a column is about. They qualify a head (`借款人` + `身份证号`,
 * `branch` + `addr`), or, in a table name, the whole table (`t_branch`, `企业客户信息表`).
 */
export const QUALIFIERS: Readonly<Record<Subject, readonly string[]>> = {
  person: [
    '客户', '个人', '本人', '借款人', '借款方', '贷款人', '共同借款人', '配偶', '担保人', '保证人', '开户人',
    '汇款人', '受益人', '被保险人', '投保人', '申请人', '家庭成员', '父母', '父亲', '母亲', '子女', '亲属',
    '直系亲属', '用户', '会员', '持有人', '户主', '实际控制人', '经营者', '业主', '房主', '车主',
    '个体工商户', '个体户', '零售', '储户', '居民',
  ],
  staff: [
    '员工', '职员', '经办', '复核', '审核人', '录入人', '创建人', '更新人', '修改人', '操作人', '管户经理',
    '营销人员', '催收员', '信贷员', '行员',
  ],
  institution: [
    '机构', '网点', '营业网点', '支行', '分行', '总行', '营业部', '银行机构', '分支机构', '自助设备', 'atm',
    '商户', '特约商户', '收单机构', '清算机构', '合作机构', '第三方机构', '同业', '金融机构', '分理处',
  ],
  corporate: ['企业', '公司', '对公', '法人', '集团', '机关', '事业单位', '组织', '社会组织', '单位客户'],
  product: ['产品', '理财产品', '存款产品', '贷款产品', '基金产品', '保险产品', '活动', '营销活动', '优惠', '卡产品'],
  system: ['系统', '服务器', '主机', '节点', '应用', '接口', '参数', '配置', '字典', '数据库', '集群', '网关'],
};

/**
 * Words that designate a natural person. A name column with one of them (`法定代表人姓名`,
 * `contact_name`) is a person's name even in a corporate-customer table, whereas a bare
 * `客户名称` there is the company's name.
 */
export const NATURAL_PERSON_WORDS: readonly string[] = [
  '姓名', '姓', '名字', '法定代表人', '法人代表', '联系人', '持卡人', '配偶', '户主', '父母', '子女', '亲属', '本人',
  '自然人', '担保人', '保证人', '实际控制人', '股东姓名',
  'xm', 'xingming', 'frdb', 'fddbr', 'lxr', 'ckr', 'poxm',
  'legalrep', 'legalperson', 'representative', 'contact', 'linkman', 'holder', 'spouse', 'guarantor', 'firstname',
  'lastname', 'fullname', 'realname', 'truename', 'givenname', 'surname', 'familyname', 'person',
];

/** Words after a head that do not change what the column is. */
export const SUFFIXES = {
  /** `X号`, `X编号`, `X_id`: the identifier of X (alone: a surrogate key). */
  identifier: ['号', '号码', '编号', '编码', '代码', '代号', '码', 'id', 'no', '标识号'],
  /** `X名称`: the name of X (a person's only when X is a person). */
  nameOf: ['名称', '名', '全称', '简称'],
  /** Storage forms and containers of the same data. */
  transparent: [
    '信息', '数据', '值', '明细', '详情', '字段', '密文', '明文', '加密', '加密值', '哈希', '哈希值', '散列',
    '掩码', '脱敏', '特征', '特征值', '特征码', '模板', '文件', '链接', 'url', '路径', '备份', '历史', '列表',
    '集合', '记录', '资料',
  ],
};

/**
 * English tokens of column names read as Chinese words. Alternatives are separated by `|`,
 * most likely first. Tokens are lower case; the matcher also tries {@link ABBREVIATIONS}.
 */
export const ENGLISH: Readonly<Record<string, string>> = dictionary({
  // identity documents
  id: 'id', identity: '身份', ident: '身份', cert: '证件', certificate: '证件|证书', credential: '证件',
  doc: '证件|文档', document: '证件|文档', paper: '证件', papers: '证件', passport: '护照', permit: '通行证',
  visa: '签证', resident: '居民', citizen: '公民', national: '国家', residence: '居住',
  // people and parties
  cust: '客户', customer: '客户', client: '客户', person: '个人', personal: '个人', individual: '个人',
  indv: '个人', indiv: '个人', retail: '零售', user: '用户', usr: '用户', member: '会员', holder: '持有人',
  cardholder: '持卡人', owner: '持有人', borrower: '借款人', debtor: '借款人', guarantor: '担保人',
  spouse: '配偶', mate: '配偶', wife: '配偶', husband: '配偶', parent: '父母', father: '父亲', mother: '母亲',
  child: '子女', family: '家庭', relative: '亲属', emergency: '紧急', contact: '联系', contactor: '联系人',
  linkman: '联系人', legal: '法定', rep: '代表人', representative: '代表人', payee: '收款人', payer: '付款人',
  receiver: '收款人', recv: '收款人', rcv: '收款人', beneficiary: '受益人', sender: '付款人',
  remitter: '汇款人', opp: '对方', opposite: '对方', counterparty: '对手方', cntpty: '对手方',
  applicant: '申请人', insured: '被保险人', policyholder: '投保人', agent: '经办人', sole: '个体',
  prop: '工商户|房产', proprietor: '工商户',
  // organisations, staff, systems
  biz: '营业|业务', business: '营业|业务', lic: '执照', license: '执照|许可证', licence: '执照|许可证',
  issue: '发卡|签发', issuing: '签发', issuer: '发卡机构',
  corp: '企业', corporate: '企业', company: '公司', comp: '公司', enterprise: '企业', ent: '企业',
  employer: '工作单位', employee: '员工', emp: '员工', staff: '员工', teller: '柜员', oper: '操作员',
  operator: '操作员', opr: '操作员', tlr: '柜员', manager: '经理', mgr: '经理', branch: '网点', brch: '网点', brh: '网点',
  org: '机构', organ: '机构', organization: '机构', inst: '机构', institution: '机构', dept: '部门',
  bank: '银行', atm: 'atm', outlet: '网点', merchant: '商户', mer: '商户', mch: '商户', mcht: '商户',
  mchnt: '商户', merch: '商户', node: '节点', server: '服务器', host: '主机', sys: '系统', system: '系统', app: '应用',
  config: '配置', cfg: '配置', param: '参数', product: '产品', prod: '产品', prd: '产品', project: '项目',
  // names
  name: '名称', nm: '名称', first: '名', last: '最后', full: '全', real: '真实', true: '真实', nick: '昵称',
  nickname: '昵称', alias: '别名', pattern: '图案', scan: '扫描件', given: '名', surname: '姓',
  // contact
  mobile: '手机', mob: '手机', mbl: '手机', cell: '手机', cellphone: '手机', phone: '电话', ph: '电话',
  tel: '电话', telephone: '电话', fax: '传真', landline: '固定电话', home: '家庭', house: '房屋|住宅',
  work: '单位|工作', office: '办公', email: '电子邮箱', mail: '邮箱|邮件', addr: '地址', address: '地址',
  adr: '地址', street: '街道', city: '城市', province: '省份', district: '区县', postcode: '邮政编码',
  postal: '邮政', reg: '户籍|注册', registered: '户籍|注册', hukou: '户籍', domicile: '户籍',
  living: '居住', live: '居住', mailing: '邮寄', delivery: '送货',
  // accounts and cards
  acct: '账户', account: '账户', acc: '账户', card: '卡', crd: '卡', debit: '借记',
  credit: '信用', cc: '信用卡', settle: '结算', settlement: '结算', repay: '还款', repayment: '还款',
  pay: '支付', payment: '支付', bind: '绑定', bound: '绑定', linked: '绑定', virtual: '虚拟',
  wallet: '钱包', ecny: '数字人民币', sec: '证券|安全', securities: '证券', stock: '证券', fund: '基金|资金',
  policy: '保单|策略', insurance: '保险', third: '第三方', party: '方', medium: '介质',
  // authentication
  pwd: '密码', password: '密码', passwd: '密码', passphrase: '密码', pin: '密码', login: '登录', logon: '登录', signin: '登录',
  query: '查询', qry: '查询', trade: '交易', withdraw: '取款', sms: '短信', msg: '消息', message: '消息',
  verify: '验证', verification: '验证', valid: '有效', validate: '验证', dynamic: '动态', dyn: '动态',
  security: '安全', question: '问题', hint: '提示', gesture: '手势', expiry: '有效期', exp: '有效期|到期',
  expire: '到期', expiration: '有效期', due: '到期', maturity: '到期', track: '磁道', trk: '磁道',
  chip: '芯片', ic: 'ic', magstripe: '磁条', field: '域', otp: '动态密码', offset: '偏移', block: '块',
  // biometrics
  fingerprint: '指纹', finger: '指纹', facial: '人脸', iris: '虹膜', voice: '声音', voiceprint: '声纹',
  palm: '掌纹', vein: '静脉', bio: '生物', biometric: '生物特征', feature: '特征', template: '模板',
  tpl: '模板', tmpl: '模板', vector: '特征', embedding: '特征',
  // money
  amt: '金额', amount: '金额', bal: '余额', balance: '余额', lmt: '额度', income: '收入', salary: '工资',
  wage: '工资', asset: '资产', assets: '资产', wealth: '资产', deposit: '存款', loan: '贷款', ln: '贷款',
  principal: '本金', interest: '利息', int: '利息', fee: '费用', charge: '费用', price: '价格', value: '值|价值',
  val: '值|价值',
  tax: '税', frozen: '冻结', freeze: '冻结', avail: '可用', available: '可用', ledger: '账面',
  cur: '当前', current: '当前', total: '总', overdue: '逾期', property: '房产', vehicle: '车辆', car: '车辆',
  plate: '车牌', housing: '住房',
  // loans and credit
  contract: '合同', iou: '借据', days: '天数', day: '日', score: '评分', rating: '评级', grade: '等级',
  level: '等级', lvl: '等级', class: '分类', report: '报告', bureau: '征信', collateral: '抵押物',
  mortgage: '抵押', guarantee: '担保', risk: '风险',
  // transactions
  txn: '交易', trans: '交易', tran: '交易', trx: '交易', transaction: '交易', transfer: '转账', remit: '汇款',
  serial: '流水', seq: '序号', jrnl: '流水', journal: '流水', jnl: '流水', flow: '流水', ref: '参考',
  reference: '参考', trace: '跟踪', memo: '备注', remark: '备注', remarks: '备注', note: '备注', desc: '描述',
  description: '描述', postscript: '附言', purpose: '用途', place: '地点', location: '位置', channel: '渠道',
  chnl: '渠道', order: '订单',
  // KYC media
  photo: '照片', pic: '照片', picture: '图片', img: '影像', image: '影像', video: '视频', audio: '音频',
  recording: '录音', dual: '双录', selfie: '照片', front: '正面', back: '反面', url: '链接', path: '路径',
  file: '文件', kyc: 'kyc',
  // basic personal information
  gender: '性别', sex: '性别', nationality: '国籍', nation: '国籍', ethnic: '民族', ethnicity: '民族',
  occupation: '职业', occ: '职业', profession: '职业', job: '职业', title: '职务|标题', position: '职务',
  marital: '婚姻', marriage: '婚姻', marry: '婚姻', married: '婚姻', marriagestatus: '婚姻状况', edu: '学历', education: '学历', degree: '学位', age: '年龄',
  birth: '出生', birthday: '生日', born: '出生', zip: '邮编',
  // devices
  device: '设备', dev: '设备', imei: 'imei', mac: 'mac', ip: 'ip', terminal: '终端', term: '终端|期限',
  // events and times
  open: '开户', opening: '开户', close: '销户', closing: '销户', cancel: '注销', activate: '激活',
  date: '日期', dt: '日期', time: '时间', tm: '时间', ts: '时间戳', timestamp: '时间戳', at: '时间',
  created: '创建', create: '创建', crt: '创建', updated: '更新', update: '更新', upd: '更新',
  modify: '修改', modified: '修改', mod: '修改', change: '变更', chg: '变更', insert: '插入', delete: '删除',
  del: '删除', deleted: '删除', etl: 'etl', load: '加载', data: '数据', sync: '同步', start: '开始',
  end: '结束', begin: '开始', effective: '生效', eff: '生效', year: '年', month: '月份', mon: '月份',
  // technical
  no: '号', num: '号', nbr: '号', number: '号码', nr: '号', code: '代码', cd: '代码', key: '键', pk: '主键',
  uuid: 'uuid', guid: 'uuid', idx: '序号', index: '序号', version: '版本', ver: '版本', batch: '批次',
  tenant: '租户', flag: '标志', flg: '标志', ind: '标志', indicator: '标志', status: '状态', stat: '状态',
  state: '状态', sts: '状态', type: '类型', typ: '类型', tp: '类型', kind: '种类', category: '类别',
  cat: '类别', count: '次数', cnt: '次数', times: '次数', rate: '率', ratio: '比例', pct: '比例',
  currency: '币种', ccy: '币种', log: '日志', hash: '哈希', enc: '密文', encrypted: '密文', encrypt: '密文',
  cipher: '密文', ciphertext: '密文', md5: '哈希', sha: '哈希', sha256: '哈希', sm3: '哈希', digest: '哈希',
  mask: '掩码', masked: '掩码', bin: 'bin', prefix: '前缀', info: '信息', information: '信息',
  detail: '明细', dtl: '明细', link: '链接', mst: '主', master: '主', main: '主', new: '新', old: '旧',
  orig: '原', his: '历史', hist: '历史', history: '历史', bak: '备份', tmp: '临时', record: '记录|录音',
  error: '错误', err: '错误', fail: '失败', retry: '重试', stats: '统计', auth: '授权|认证',
  result: '结果', send: '发送', list: '列表',
});

/** Abbreviations folded onto the spellings the kinds' name lists use, for multi-token matches. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = dictionary({
  nbr: 'no', num: 'no', number: 'no', nr: 'no', acc: 'acct', account: 'acct', acnt: 'acct', accnt: 'acct',
  customer: 'cust', client: 'cust', cst: 'cust', cus: 'cust', passwd: 'pwd', password: 'pwd', pswd: 'pwd',
  pw: 'pwd', mbl: 'mobile', mob: 'mobile', mobi: 'mobile', ph: 'phone', phn: 'phone', address: 'addr',
  adr: 'addr', nm: 'name', dt: 'date', tm: 'time', amount: 'amt', balance: 'bal', trans: 'txn', tran: 'txn',
  trx: 'txn', trn: 'txn', transaction: 'txn', tx: 'txn', pspt: 'passport', trk: 'track', trck: 'track',
  tpl: 'template', tmpl: 'template', templ: 'template', brch: 'branch', brh: 'branch', organization: 'org',
  organ: 'org', crdt: 'credit', lmt: 'limit', lim: 'limit', crd: 'card', verif: 'verify', vrfy: 'verify',
  vfy: 'verify', verification: 'verify', sequence: 'seq', reference: 'ref', twn: 'tw', hkg: 'hk',
  ident: 'identity', expire: 'expiry',
});

/**
 * Pinyin initials (and a few whole-pinyin words) of the words bank schemas abbreviate, read
 * as Chinese. Alternatives are separated by `|`, most common first; `word@ctx1,ctx2` gives a
 * reading that needs one of those context words nearby (table, comment, other tokens).
 */
export const PINYIN: Readonly<Record<string, string>> = dictionary({
  // identity
  sfz: '身份证', sfzh: '身份证号', sfzhm: '身份证号码', zj: '证件|资金|主键|座机', zjh: '证件号', zjhm: '证件号码',
  hz: '护照|汇总', txz: '通行证', hxz: '回乡证', tbz: '台胞证', jzz: '居住证', gat: '港澳台', ga: '港澳',
  xg: '修改|香港', am: '澳门', tw: '台湾', dl: '登录|大陆|代理',
  // names
  xm: '姓名|项目@项目,工程', mc: '名称', hm: '号码|户名|虹膜', h: '号', xingming: '姓名', xing: '姓', ming: '名',
  // customers, cards, accounts
  kh: '客户|卡号@卡,card|开户', khh: '客户号|开户行@账户,账号,结算,开户', yh: '银行|用户|优惠', yhk: '银行卡',
  k: '卡', kp: '卡片', xyk: '信用卡', jjk: '借记卡', zh: '账号|账户|支行@机构,网点,分行|综合', zhh: '账户号',
  hh: '户号|行号', bd: '绑定|保单|本地', fk: '付款|放款', sk: '收款|刷卡', skr: '收款人', fkr: '付款人',
  hkr: '汇款人|还款人', jkr: '借款人', dbr: '担保人', bzr: '保证人', po: '配偶', sqr: '申请人', syr: '受益人',
  tbr: '投保人', bbxr: '被保险人', gtjkr: '共同借款人', fm: '父母', zn: '子女', qs: '亲属', khr: '开户人', frdb: '法人代表',
  jtcy: '家庭成员', jjlxr: '紧急联系人', df: '对方|贷方|代发', jf: '借方|积分', js: '结算|计算', hk: '还款|汇款|香港', zf: '支付|作废', jy: '交易|经营|校验',
  jyh: '交易后', ls: '流水|历史', lsh: '流水号', zq: '证券|周期|债券', gd: '股东|固定', jj: '借据|基金|紧急',
  qb: '钱包', kehu: '客户', kehuhao: '客户号', yinhang: '银行', yinhangka: '银行卡', xinyongka: '信用卡',
  zhanghao: '账号', kahao: '卡号', zhanghu: '账户',
  // contact and address
  sj: '手机|时间|数据@数据,统计,报表|审计', sjh: '手机号', dh: '电话|单号', lx: '联系|类型|利息', lxr: '联系人',
  lxfs: '联系方式', gddh: '固定电话', jt: '家庭|交通', dw: '单位', bg: '办公|变更', zz: '住址|住宅|转账|资质|总账',
  cz: '传真|操作|充值', yx: '邮箱|有效|影像|营销', dz: '地址|电子', yb: '邮编', yzbm: '邮政编码', yz: '邮政|验证',
  jz: '居住|记账', hj: '户籍|合计', tx: '通讯|通信|提醒', xz: '现住|性质|限制|新增', zs: '住所|证书',
  fc: '房产', fw: '房屋|服务', shouji: '手机', dianhua: '电话', haoma: '号码', dizhi: '地址', youxiang: '邮箱',
  lianxi: '联系', jiating: '家庭', zhuzhi: '住址', gongzuo: '工作', danwei: '单位', shoujihao: '手机号',
  // authentication
  mm: '密码|月份@统计,报表,业绩,汇总,月度', mima: '密码', cx: '查询|撤销|储蓄', qk: '取款', ss: '手势|实时|所属',
  zhifu: '支付', denglu: '登录', zhifumima: '支付密码', denglumima: '登录密码', shengwen: '声纹', zhiwen: '指纹',
  renlian: '人脸', hongmo: '虹膜', shenfenzheng: '身份证', shenfenzhenghao: '身份证号',
  dt: '动态', kl: '口令|卡类', yzm: '验证码', dx: '短信', mb: '密保|模板|目标', wt: '问题', da: '答案', ts: '提示|天数|投诉',
  aq: '安全', aqm: '安全码', yxq: '有效期', cd: '磁道|长度', ecd: '二磁道', scd: '三磁道', xp: '芯片', zw: '指纹|职务',
  rl: '人脸', tz: '特征|投资|通知', sw: '声纹|生物|税务', zjm: '指静脉', yanzhengma: '验证码',
  // money, loans, credit
  ye: '余额|页', yue: '余额', je: '金额', jine: '金额', e: '额', ed: '额度', fse: '发生额', ck: '存款|持卡', ckr: '持卡人',
  dk: '贷款', sx: '授信|属性|生效', xy: '信用|协议', zc: '资产|职称|注册', sr: '收入|生日', nsr: '年收入|纳税人@税,企业',
  ysr: '月收入', gz: '工资|工作|规则', gjj: '公积金', jc: '缴存|检查', cl: '车辆|策略', cp: '产品|车牌', cph: '车牌号',
  hp: '号牌', ht: '合同', yq: '逾期', pf: '评分', zx: '征信|注销', fl: '分类|费率', daikuan: '贷款', cunkuan: '存款',
  // basic information
  xb: '性别', mz: '民族', gj: '国籍|国家', jg: '机构|籍贯@客户,个人|价格|结果', zy: '职业|摘要@交易,流水|专业',
  hy: '婚姻|行业|会员', hyzk: '婚姻状况', zk: '状况', xl: '学历|序列', nl: '年龄', cs: '出生|次数|城市|参数', csrq: '出生日期',
  chusheng: '出生', xingbie: '性别', guoji: '国籍', minzu: '民族', zhiye: '职业',
  // accounts' events, dates
  khrq: '开户日期', khsj: '开户时间', khwd: '开户网点', khjg: '开户机构', xh: '序号|销户|型号', rq: '日期',
  riqi: '日期', shijian: '时间', dq: '到期|当前|地区', dqr: '到期日', r: '日', jh: '激活|计划',
  // technical
  zt: '状态', zhuangtai: '状态', bj: '标记|本金', dm: '代码', bm: '编码|部门', bh: '编号', bianhao: '编号',
  pc: '批次', pch: '批次号', bb: '版本', jgh: '机构号', wd: '网点', fh: '分行', gy: '柜员', gyh: '柜员号',
  czy: '操作员', jbr: '经办人', qd: '渠道', jym: '交易码|校验码', yw: '业务', leixing: '类型',
  cj: '创建|采集', gx: '更新|关系', sc: '删除|首次|生成', lr: '录入', sjc: '时间戳', ll: '利率', sxf: '手续费',
  qy: '企业|签约|区域', gs: '公司|归属', sb: '设备|社保|失败', fwq: '服务器', zd: '终端|字典|字段', fx: '风险',
  dj: '等级|冻结|登记', xj: '星级|现金', pj: '评级', csnl: '承受能力', cw: '错误|财务', tj: '统计', yj: '业绩|邮寄|预警',
  gl: '管理|关联', xx: '信息', mx: '明细', rz: '日志|认证', sh: '商户|审核', dd: '地点|订单', id: 'id', ip: 'ip',
  beizhu: '备注', jiaoyi: '交易', liushui: '流水', zhengjian: '证件', gr: '个人', ny: '年月', yf: '月份',
  bzh: '标志', lc: '理财', fs: '方式|发送', ywlx: '业务类型', zl: '种类|资料', fz: '负债',
  xq: '详情', ly: '录音|来源|留言', zp: '照片', sp: '视频|审批', qm: '签名', slsp: '双录视频', wy: '网银',
  sjyh: '手机银行', wyyh: '网银用户', dlrz: '登录日志',
});
